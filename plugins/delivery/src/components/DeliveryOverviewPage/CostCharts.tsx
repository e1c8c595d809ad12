import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { formatUsd } from '../CostCard/money';
import { CostByGroupChart } from './CostByGroupChart';
import { costEntries, groupCosts } from './costGroups';

/**
 * What the services the table shows cost a month, by team and by system, each service
 * counted once however many clusters it runs in; says how many are not priced yet.
 */
export function CostCharts({ rows }: { rows: OverviewRow[] }) {
  const { entries, unpriced } = useMemo(() => {
    const priced = costEntries(rows);
    const services = new Set(rows.map(row => row.entityRef)).size;
    return { entries: priced, unpriced: services - priced.length };
  }, [rows]);
  const total = entries.reduce((sum, entry) => sum + entry.monthlyUsd, 0);
  return (
    <Box mb={2} aria-label="monthly cost">
      <Typography variant="subtitle2">
        Monthly cost — {formatUsd(total)} for {entries.length} services
        {unpriced ? `; ${unpriced} not priced yet` : ''}
      </Typography>
      {entries.length > 0 && (
        <Box display="flex" flexWrap="wrap">
          <CostByGroupChart noun="team" groups={groupCosts(entries, 'owner')} />
          <CostByGroupChart
            noun="system"
            groups={groupCosts(entries, 'system')}
          />
        </Box>
      )}
    </Box>
  );
}
