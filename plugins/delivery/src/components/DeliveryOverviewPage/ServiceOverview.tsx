import {
  EmptyState,
  InfoCard,
  Table,
  TableColumn,
  TableOptions,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DeliveryOverview,
  OverviewRow,
  RolloutState,
} from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useMemo, useState } from 'react';
import { OverviewArgoCaption } from '../RolloutCard/ArgoFacts';
import { ago, RolloutStateLabel } from '../RolloutCard/RolloutState';
import { CostCharts } from './CostCharts';
import { costColumn } from './costColumn';
import { withCompactPadding } from './compactColumns';
import { DrDistributionChart } from './DrDistributionChart';
import { drEntries, sortWorstFirst } from './drReadiness';
import { drReadinessColumn } from './drReadinessColumn';
import { overviewCsv } from './overviewCsv';
import {
  applyFilters,
  countByState,
  FILTER_FIELDS,
  filterOptions,
  Filters,
} from './overviewFilters';

const STATE_ORDER: RolloutState[] = [
  'failing',
  'aborted',
  'stalled',
  'paused',
  'progressing',
  'scaled-down',
  'not-deployed',
  'complete',
];

function columns(now: number): TableColumn<OverviewRow>[] {
  return [
    {
      title: 'Service',
      field: 'name',
      highlight: true,
      render: row => (
        <EntityRefLink entityRef={row.entityRef}>
          {row.title ?? row.name}
        </EntityRefLink>
      ),
    },
    { title: 'Owner', field: 'owner' },
    { title: 'System', field: 'system' },
    { title: 'Tier', field: 'tier' },
    drReadinessColumn,
    costColumn,
    // One column for where it runs: at 1440 px the table has no room for two, and the
    // cluster's environment only needs saying when its name does not say it already.
    {
      title: 'Cluster',
      field: 'cluster',
      render: row => (
        <>
          {row.cluster}
          {row.role === 'dr' ? ' (DR)' : ''}
          {row.cluster !== row.environment && (
            <Typography variant="caption" color="textSecondary" display="block">
              {row.environment}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Version', field: 'version', emptyValue: '-' },
    {
      title: 'Ready',
      field: 'ready',
      render: row => `${row.ready}/${row.desired}`,
    },
    {
      title: 'State',
      field: 'state',
      customSort: (a, b) =>
        STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state),
      render: row => (
        <span title={row.summary}>
          <RolloutStateLabel state={row.state} />
          {row.argo && <OverviewArgoCaption argo={row.argo} />}
        </span>
      ),
    },
    {
      title: 'Changed',
      field: 'lastChangeAt',
      render: row => ago(row.lastChangeAt, now),
    },
  ];
}

const TABLE_OPTIONS: TableOptions<OverviewRow> = {
  paging: true,
  pageSize: 100,
  pageSizeOptions: [20, 50, 100, 500],
  padding: 'dense',
  search: true,
};

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Every service in every environment in one table, for team leads: counts by state,
 * filters, sorting, search, CSV export of what is shown, links to each service.
 */
export function ServiceOverview({ overview }: { overview: DeliveryOverview }) {
  const [filters, setFilters] = useState<Filters>({});
  const [worstFirst, setWorstFirst] = useState(false);
  const shown = useMemo(() => {
    const filtered = applyFilters(overview.rows, filters);
    return worstFirst ? sortWorstFirst(filtered) : filtered;
  }, [overview.rows, filters, worstFirst]);
  const dr = useMemo(() => {
    const entries = drEntries(shown);
    const services = new Set(shown.map(row => row.entityRef)).size;
    return { entries, unassessed: services - entries.length };
  }, [shown]);
  const counts = countByState(shown);
  const now = Date.parse(overview.generatedAt);
  // The same columns while the overview is unchanged: the page re-renders on every
  // refresh, and new columns make the table rebuild its rows (closing an open tooltip).
  const tableColumns = useMemo(() => withCompactPadding(columns(now)), [now]);

  if (overview.rows.length === 0) {
    return (
      <InfoCard title="Services">
        <EmptyState
          missing="data"
          title="No services with workloads"
          description="Components appear here once they carry the backstage.io/kubernetes-id annotation and a cluster is connected."
        />
      </InfoCard>
    );
  }

  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        aria-label="counts by state"
      >
        {STATE_ORDER.filter(state => counts[state]).map(state => (
          <Box key={state} mr={2} display="flex" alignItems="center">
            <RolloutStateLabel state={state} />
            <Chip
              size="small"
              label={counts[state]}
              style={{ marginLeft: 4 }}
            />
          </Box>
        ))}
      </Box>
      <Box display="flex" flexWrap="wrap" alignItems="flex-end" mb={2}>
        {FILTER_FIELDS.map(field => (
          <FormControl key={field} style={{ minWidth: 160, marginRight: 16 }}>
            <InputLabel id={`filter-${field}`}>{field}</InputLabel>
            <Select
              labelId={`filter-${field}`}
              value={filters[field] ?? ''}
              onChange={e =>
                setFilters({
                  ...filters,
                  [field]: (e.target.value as string) || undefined,
                })
              }
            >
              <MenuItem value="">all</MenuItem>
              {filterOptions(overview.rows, field).map(option => (
                <MenuItem key={option} value={option}>
                  {option}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        ))}
        <FormControl style={{ minWidth: 200, marginRight: 16 }}>
          <InputLabel id="overview-order">order</InputLabel>
          <Select
            labelId="overview-order"
            value={worstFirst ? 'dr-worst-first' : 'listed'}
            onChange={e => setWorstFirst(e.target.value === 'dr-worst-first')}
          >
            <MenuItem value="listed">as listed</MenuItem>
            <MenuItem value="dr-worst-first">
              DR readiness, worst first
            </MenuItem>
          </Select>
        </FormControl>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={() => download('delivery-overview.csv', overviewCsv(shown))}
        >
          Export CSV
        </Button>
      </Box>
      <DrDistributionChart entries={dr.entries} unassessed={dr.unassessed} />
      <CostCharts rows={shown} />
      <Table<OverviewRow>
        title={`Services (${shown.length} rows)`}
        options={TABLE_OPTIONS}
        columns={tableColumns}
        data={shown}
      />
    </>
  );
}
