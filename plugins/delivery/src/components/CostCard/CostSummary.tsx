import { CostAnswer } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from './money';

/**
 * What the service costs a month now, over every environment and cluster, and where its
 * autoscalers can take it: the floor at every HPA minimum, the ceiling at every maximum.
 */
export function CostSummary({ answer }: { answer: CostAnswer }) {
  const { monthly, measuredMonthly, clusters } = answer;
  const measured = clusters.filter(line => line.measured);
  const measuredBy = [...new Set(measured.map(line => line.measured!.source))];
  return (
    <Box display="flex" flexWrap="wrap" alignItems="flex-end" mb={2}>
      <Box mr={3} aria-label="monthly cost now">
        <Typography variant="overline" display="block">
          Now, a month
        </Typography>
        <Typography variant="h4" component="span">
          {formatUsd(monthly.current)}
        </Typography>
      </Box>
      <Box mr={3} aria-label="range at HPA minimum to maximum">
        <Typography variant="overline" display="block">
          At HPA min – max
        </Typography>
        <Typography variant="h6" component="span">
          {formatUsd(monthly.atMin)} – {formatUsd(monthly.atMax)}
        </Typography>
      </Box>
      {measuredMonthly !== undefined && (
        <Box mr={3} aria-label="measured monthly cost">
          <Typography variant="overline" display="block">
            Measured, a month
          </Typography>
          <Typography variant="h6" component="span">
            {formatUsd(measuredMonthly)}
          </Typography>
          <Typography variant="caption" color="textSecondary" display="block">
            by {measuredBy.join(', ')}, in {measured.length} of{' '}
            {clusters.length} clusters
          </Typography>
        </Box>
      )}
    </Box>
  );
}
