import { EmptyState, InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CostAnswer } from '@internal/backstage-plugin-delivery-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard } from '../CardStates';
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
      <InfoCard title={TITLE}>
        <EmptyState
          missing="data"
          title={empty.title}
          description={empty.description}
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title={TITLE}>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <CostSummary answer={answer} />
          <Typography variant="subtitle2">Budget</Typography>
          <BudgetPanel budget={answer.budget} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle2">Cost trend</Typography>
          <CostTrendChart trend={answer.trend} />
        </Grid>
        <Grid item xs={12}>
          <ClusterCostTable
            clusters={answer.clusters}
            monthly={answer.monthly}
            measuredMonthly={answer.measuredMonthly}
          />
        </Grid>
        <Grid item xs={12}>
          <RightSizingPanel report={answer.rightSizing} />
        </Grid>
        <Grid item xs={12}>
          <CostMethod source={answer.source} clusters={answer.clusters} />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
