import Grid from '@material-ui/core/Grid';
import { DeliverySetupCard } from '../DeliverySetupCard';

/**
 * The body of the Delivery overview page, without page chrome, so both the new frontend
 * system (which draws the page header) and the legacy page can use it.
 */
export function DeliveryOverviewContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <DeliverySetupCard />
      </Grid>
    </Grid>
  );
}
