import { Flex, Tag, TagGroup, Text } from '@backstage/ui';
import { DrReadiness } from '@internal/backstage-plugin-delivery-common';
import { ReactNode } from 'react';
import { formatMinutes } from './drDurations';
import { DrGradeLabel } from './DrGradeLabel';
import { objectiveDefaults } from './objectiveDefaults';

/** A labelled figure of the header: a small caption above its value. */
function Figure(props: {
  label: string;
  caption: string;
  children: ReactNode;
}) {
  return (
    <div aria-label={props.label}>
      <Text
        as="div"
        variant="body-x-small"
        weight="bold"
        color="secondary"
        style={{ textTransform: 'uppercase', letterSpacing: '0.08em' }}
      >
        {props.caption}
      </Text>
      {props.children}
    </div>
  );
}

function Objective(props: {
  label: string;
  minutes: number;
  defaulted: boolean;
}) {
  const { label, minutes, defaulted } = props;
  return (
    <Figure label={label} caption={label}>
      <Flex align="center" gap="2">
        <Text variant="title-small" weight="bold">
          {formatMinutes(minutes)}
        </Text>
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
        <Figure label="score" caption="Score">
          <Text variant="title-large" weight="bold">
            {readiness.score}
          </Text>
          <Text variant="body-medium"> / 100</Text>
        </Figure>
        <Figure label="grade" caption="Grade">
          <Text variant="title-small" weight="bold">
            <DrGradeLabel grade={readiness.grade} />
          </Text>
        </Figure>
        <Figure label="tier" caption="Tier">
          <Text variant="title-small" weight="bold">
            {readiness.tier}
          </Text>
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
