import { EmptyState } from '@backstage/core-components';
import { Flex, Grid, Text } from '@backstage/ui';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CostAnswer } from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard, DeliveryCard } from '../CardStates';
import { BudgetPanel } from './BudgetPanel';
import { ClusterCostTable } from './ClusterCostTable';
import { costEmptyReason } from './costEmptyReason';
import { CostMethod } from './CostMethod';
import { CostSummary } from './CostSummary';
import { CostTrendChart } from './CostTrendChart';
import { RightSizingPanel } from './RightSizingPanel';

const TITLE = 'Cost';

/**
 * Cost follows replicas, which an autoscaler changes over minutes, and snapshots taken
 * once a day; a minute keeps a scale-out visible without loading the backend.
 */
const REFRESH_MS = 60_000;

/**
 * The service's monthly cost: the total now and its range at the HPAs' minimum and
 * maximum, a line per environment and cluster opening to its Deployments, what the cost
 * source measured, the budget with its forecast, the daily trend, right-sizing from the
 * observed usage, and how it is computed.
 * @public
 */
export function CostCard() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { state, retry } = usePolledAsync(
    () => api.getCost({ entityRef }),
    [api, entityRef],
    REFRESH_MS,
  );
  return (
    <AsyncCard
      title={TITLE}
      errorTitle="Could not load the cost"
      state={state}
      retry={retry}
    >
      {answer => <CostView answer={answer} />}
    </AsyncCard>
  );
}

function CostView({ answer }: { answer: CostAnswer }) {
  const { entity } = useEntity();
  const empty = costEmptyReason(answer, entity);
  if (empty) {
    return (
      <DeliveryCard title={TITLE}>
        <EmptyState
          missing="data"
          title={empty.title}
          description={empty.description}
        />
      </DeliveryCard>
    );
  }
  return (
    <DeliveryCard title={TITLE}>
      <Flex direction="column" gap="5">
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="5">
          <Grid.Item>
            <CostSummary answer={answer} />
            <Text as="h3" variant="body-large" weight="bold">
              Budget
            </Text>
            <BudgetPanel budget={answer.budget} />
          </Grid.Item>
          <Grid.Item>
            <Text as="h3" variant="body-large" weight="bold">
              Cost trend
            </Text>
            <CostTrendChart trend={answer.trend} />
          </Grid.Item>
        </Grid.Root>
        <ClusterCostTable
          clusters={answer.clusters}
          monthly={answer.monthly}
          measuredMonthly={answer.measuredMonthly}
        />
        <RightSizingPanel report={answer.rightSizing} />
        <CostMethod source={answer.source} clusters={answer.clusters} />
      </Flex>
    </DeliveryCard>
  );
}
