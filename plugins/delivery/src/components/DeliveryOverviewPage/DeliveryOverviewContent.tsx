import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard } from '../CardStates';
import { DeliverySetupCard } from '../DeliverySetupCard';
import { ServiceOverview } from './ServiceOverview';

/** How often the page re-reads the backend's cache (never the clusters). */
const REFRESH_MS = 3_000;

/**
 * The body of the Delivery overview page, without page chrome, so both the new frontend
 * system (which draws the page header) and the legacy page can use it. It refreshes while
 * open, so a rollout that completes turns green without a reload.
 */
export function DeliveryOverviewContent() {
  const api = useApi(deliveryApiRef);
  const { state: shown, retry } = usePolledAsync(
    () => api.getOverview(),
    [api],
    REFRESH_MS,
  );
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
