import Grid from '@material-ui/core/Grid';
import { ActionsCard } from '../ActionsCard';
import { CostCard } from '../CostCard';
import { DeliverySetupCard } from '../DeliverySetupCard';
import { DrCard } from '../DrCard';
import { RolloutCard } from '../RolloutCard';
import { RunHistoryCard } from '../RunHistoryCard';
import { ServiceDeliveryCard } from '../ServiceDeliveryCard';

/**
 * The Delivery tab of a component page: the rollout first, then the actions on each
 * environment, what the catalog says about the service, the setup, the DR readiness, the
 * cost, and the run history.
 * @public
 */
export function EntityDeliveryContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <RolloutCard />
      </Grid>
      <Grid item xs={12}>
        <ActionsCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <ServiceDeliveryCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <DeliverySetupCard />
      </Grid>
      <Grid item xs={12}>
        <DrCard />
      </Grid>
      <Grid item xs={12}>
        <CostCard />
      </Grid>
      <Grid item xs={12}>
        <RunHistoryCard />
      </Grid>
    </Grid>
  );
}
