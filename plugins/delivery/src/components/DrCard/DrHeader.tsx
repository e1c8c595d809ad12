import { Flex, Tag, TagGroup, Text } from '@backstage/ui';
import { DrReadiness } from '@internal/backstage-plugin-delivery-common';
import { Figure } from '../Figure';
import { formatMinutes } from './drDurations';
import { DrGradeLabel } from './DrGradeLabel';
import { objectiveDefaults } from './objectiveDefaults';

function Objective(props: {
  label: string;
  minutes: number;
  defaulted: boolean;
}) {
  const { label, minutes, defaulted } = props;
  return (
    <Figure label={label}>
      <Flex align="center" gap="2">
        {formatMinutes(minutes)}
        {defaulted && (
          <TagGroup aria-label={`${label} note`}>
            <Tag id="tier-default" size="small">
              tier default
            </Tag>
          </TagGroup>
        )}
      </Flex>
    </Figure>
  );
}

/** Score and grade, tier, and the recovery objectives the checks measure against. */
export function DrHeader({ readiness }: { readiness: DrReadiness }) {
  const defaults = objectiveDefaults(readiness);
  return (
    <Flex direction="column" gap="2" mb="4">
      <Flex align="end" gap="5" style={{ flexWrap: 'wrap' }}>
        <Figure label="score" caption="Score" size="large">
          {readiness.score}
          <Text variant="body-medium" weight="regular">
            {' '}
            / 100
          </Text>
        </Figure>
        <Figure label="grade" caption="Grade">
          <DrGradeLabel grade={readiness.grade} />
        </Figure>
        <Figure label="tier" caption="Tier">
          {readiness.tier}
        </Figure>
        <Objective
          label="RTO"
          minutes={readiness.rtoMinutes}
          defaulted={defaults.rto}
        />
        <Objective
          label="RPO"
          minutes={readiness.rpoMinutes}
          defaulted={defaults.rpo}
        />
      </Flex>
      {defaults.note && (
        <Text as="p" variant="body-medium" color="secondary">
          Objectives: {defaults.note}
        </Text>
      )}
    </Flex>
  );
}
