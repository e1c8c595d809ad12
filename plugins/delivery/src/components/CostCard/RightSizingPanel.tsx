import { RightSizingReport } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { PurchaseSuggestions } from './PurchaseSuggestions';
import { rightSizingHeadline } from './rightSizingHeadline';
import { RightSizingTable } from './RightSizingTable';

/**
 * Right-sizing from the usage the backend observed: the total saving a month (or why there
 * is none), a row per Deployment with its requests and HPA target now and recommended,
 * the purchase suggestions, and why request and target move together. Without a report
 * (usage not collected) only the headline says so.
 */
export function RightSizingPanel({ report }: { report?: RightSizingReport }) {
  const headline = rightSizingHeadline(report);
  const judged =
    report?.deployments.some(d => d.status !== 'insufficient-data') ?? false;
  const scalesOnCpu =
    report?.deployments.some(d => d.current.cpuTargetPercent !== undefined) ??
    false;
  return (
    <Box aria-label="right-sizing">
      <Typography variant="subtitle2">Right-sizing</Typography>
      <Box mb={1} aria-label="right-sizing headline">
        <Typography variant="h6" component="p">
          {headline.title}
        </Typography>
        {headline.detail && (
          <Typography variant="body2" color="textSecondary">
            {headline.detail}
          </Typography>
        )}
      </Box>
      {report && report.deployments.length > 0 && (
        <RightSizingTable deployments={report.deployments} />
      )}
      {report && judged && (
        <Box mt={2}>
          <Typography variant="subtitle2">Purchase</Typography>
          <PurchaseSuggestions purchases={report.purchases} />
        </Box>
      )}
      {scalesOnCpu && (
        <Typography
          variant="caption"
          color="textSecondary"
          display="block"
          style={{ marginTop: 8 }}
        >
          The HPA scales on CPU usage over request: a smaller request at the
          same target runs more replicas, so the request and the target are
          recommended together.
        </Typography>
      )}
    </Box>
  );
}
