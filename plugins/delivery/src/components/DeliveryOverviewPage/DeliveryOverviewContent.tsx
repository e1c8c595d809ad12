import Grid from '@material-ui/core/Grid';
import { useDeliveryOverview } from '../../hooks/useDeliveryOverview';
import { AsyncCard } from '../CardStates';
import { DeliverySetupCard } from '../DeliverySetupCard';
import { ServiceOverview } from './ServiceOverview';

/**
 * The body of the Delivery overview page, without page chrome, so both the new frontend
 * system (which draws the page header) and the legacy page can use it. It refreshes while
 * open, so a rollout that completes turns green without a reload.
 */
export function DeliveryOverviewContent() {
  const { state: shown, retry } = useDeliveryOverview();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AsyncCard
          title="Services"
          errorTitle="Could not load the overview"
          state={shown}
          retry={retry}
        >
          {overview => <ServiceOverview overview={overview} />}
        </AsyncCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <DeliverySetupCard />
      </Grid>
    </Grid>
  );
}
