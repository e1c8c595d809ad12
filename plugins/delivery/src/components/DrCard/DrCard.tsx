import { EmptyState } from '@backstage/core-components';
import { Flex, Grid, Text } from '@backstage/ui';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DR_REGION,
  ANNOTATION_ENVIRONMENTS,
  ANNOTATION_TIER,
  DrReadinessAnswer,
} from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard, DeliveryCard } from '../CardStates';
import { DrChecklist } from './DrChecklist';
import { DrEmptyReason, drEmptyReason } from './drEmptyReason';
import { DR_GRADE_WORDS } from './DrGradeLabel';
import { DrHeader } from './DrHeader';
import { DrTrendChart } from './DrTrendChart';
import { LatestFailover } from './LatestFailover';
import { objectiveDefaults } from './objectiveDefaults';

const TITLE = 'DR readiness';

/**
 * Readiness changes when a drill finishes or a snapshot is taken, not second by second;
 * half a minute shows a finished drill without a reload at little cost to the backend.
 */
const REFRESH_MS = 30_000;

const EMPTY_TEXT: Record<
  DrEmptyReason,
  { title: string; description: string }
> = {
  'no-production': {
    title: 'Not running in production',
    description: `Delivery read no production cluster for this service, so there is nothing to fail over yet. List production in ${ANNOTATION_ENVIRONMENTS} and deploy it there; set ${ANNOTATION_TIER} (critical, standard or experimental) and ${ANNOTATION_DR_REGION} (the region of the DR cluster it fails over to) so its readiness can be checked.`,
  },
  'no-dr-region': {
    title: 'No DR region declared',
    description: `This service has no region to fail over to. Add the ${ANNOTATION_DR_REGION} annotation with the region of a DR cluster (and deploy the service's DR overlay there), and set ${ANNOTATION_TIER} (critical, standard or experimental) so the checks use the right objectives.`,
  },
};

/**
 * The service's DR readiness: score and grade, tier and objectives, every check with its
 * evidence and fix, the latest drill or failover and the daily score trend. Re-reads the
 * backend every half minute so a drill that finishes shows up without a reload.
 * @public
 */
export function DrCard() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { state, retry } = usePolledAsync(
    () => api.getDrReadiness({ entityRef }),
    [api, entityRef],
    REFRESH_MS,
  );
  return (
    <AsyncCard
      title={TITLE}
      errorTitle="Could not load the DR readiness"
      state={state}
      retry={retry}
    >
      {answer => <DrReadinessView answer={answer} />}
    </AsyncCard>
  );
}

function DrReadinessView({ answer }: { answer: DrReadinessAnswer }) {
  const { readiness, trend, failovers } = answer;
  const now = Date.now();
  const empty = drEmptyReason(readiness);
  if (empty) {
    return (
      <DeliveryCard title={TITLE}>
        <EmptyState
          missing="field"
          title={EMPTY_TEXT[empty].title}
          description={EMPTY_TEXT[empty].description}
          action={
            <Text as="p" variant="body-medium">
              Until then it scores {readiness.score}/100 (
              {DR_GRADE_WORDS[readiness.grade].toLocaleLowerCase('en-US')}).
            </Text>
          }
        />
      </DeliveryCard>
    );
  }
  return (
    <DeliveryCard title={TITLE}>
      <Flex direction="column" gap="5">
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="5">
          <Grid.Item>
            <DrHeader readiness={readiness} />
            <Text as="h3" variant="body-large" weight="bold">
              Latest drill, switchover or failover
            </Text>
            <LatestFailover
              failovers={failovers}
              rtoMinutes={readiness.rtoMinutes}
              now={now}
            />
          </Grid.Item>
          <Grid.Item>
            <Text as="h3" variant="body-large" weight="bold">
              Score trend
            </Text>
            <DrTrendChart trend={trend} />
          </Grid.Item>
        </Grid.Root>
        <DrChecklist
          checks={readiness.checks}
          notApplicable={readiness.notApplicable}
          objectivesDefaulted={objectiveDefaults(readiness).note !== undefined}
          now={now}
        />
      </Flex>
    </DeliveryCard>
  );
}
