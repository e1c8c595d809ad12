import { TableColumn } from '@backstage/core-components';
import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import {
  BUDGET_STATUS_ICONS,
  BUDGET_STATUS_MEANING,
  BUDGET_STATUS_WORDS,
  useBudgetStatusColours,
} from '../CostCard/BudgetStatusChip';
import { formatUsd, formatWholeUsd } from '../CostCard/money';

/** A marker only when the budget needs attention; under budget is the quiet case. */
function BudgetMarker({ row }: { row: OverviewRow }) {
  const colours = useBudgetStatusColours();
  const status = row.cost?.budgetStatus;
  if (!status || status === 'under') return null;
  const Icon = BUDGET_STATUS_ICONS[status];
  return (
    <Tooltip title={BUDGET_STATUS_MEANING[status]}>
      <Icon
        fontSize="small"
        role="img"
        aria-hidden={false}
        aria-label={BUDGET_STATUS_WORDS[status]}
        style={{ color: colours[status].main, marginLeft: 2 }}
      />
    </Tooltip>
  );
}

/** Whole dollars a month, the exact amount on hover; a dash until the service is priced. */
export function CostCell({ row }: { row: OverviewRow }) {
  if (!row.cost) {
    return (
      <Tooltip title="Not priced yet">
        <span aria-label="monthly cost not priced yet">—</span>
      </Tooltip>
    );
  }
  const { monthlyUsd } = row.cost;
  return (
    <Box display="inline-flex" alignItems="center">
      <Tooltip title={`${formatUsd(monthlyUsd)} a month, every environment`}>
        <span aria-label={`monthly cost ${formatWholeUsd(monthlyUsd)}`}>
          {formatWholeUsd(monthlyUsd)}
        </span>
      </Tooltip>
      <BudgetMarker row={row} />
    </Box>
  );
}

/** Unpriced services sort below every priced one, so the most expensive lead a descending sort. */
export function compareRowsByCost(a: OverviewRow, b: OverviewRow): number {
  const left = a.cost?.monthlyUsd ?? -1;
  const right = b.cost?.monthlyUsd ?? -1;
  return left - right;
}

/**
 * The overview's monthly cost column. The table is full at 1440 px and a column is as wide
 * as its header's longest word, so the header is "Cost / month" (wrapping at the spaces)
 * rather than "Monthly cost"; the amount never wraps. The figure is the service's,
 * repeated on each of its cluster rows, as the tier and the DR score are.
 */
export const costColumn: TableColumn<OverviewRow> = {
  title: 'Cost / month',
  field: 'cost.monthlyUsd',
  customSort: compareRowsByCost,
  render: row => <CostCell row={row} />,
  align: 'right',
  width: '96px',
  headerStyle: { whiteSpace: 'normal' },
  cellStyle: { whiteSpace: 'nowrap' },
};
