import { BudgetStatus } from '@internal/backstage-plugin-delivery-common';
import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';

/** @public */
export const BUDGET_STATUS_WORDS: Record<BudgetStatus, string> = {
  under: 'Under budget',
  'forecast-over': 'Forecast over budget',
  over: 'Over budget',
};

/** What each status means this month, for tooltips where only an icon fits. */
export const BUDGET_STATUS_MEANING: Record<BudgetStatus, string> = {
  under: 'The forecast for this month is within the budget',
  'forecast-over':
    'Forecast over budget: at the current run rate this month will cost more than the budget',
  over: 'Over budget: this month has already cost more than the budget',
};

/** Shapes as well as colours, so the status reads without colour vision. */
export const BUDGET_STATUS_ICONS = {
  under: CheckCircleIcon,
  'forecast-over': WarningIcon,
  over: ErrorIcon,
};

/** The statuses' colours from the app theme: green, amber, red. */
export function useBudgetStatusColours(): Record<
  BudgetStatus,
  { main: string; contrastText: string }
> {
  const { palette } = useTheme();
  return {
    under: palette.success,
    'forecast-over': palette.warning,
    over: palette.error,
  };
}

/** The budget status as a coloured chip with its icon and words. */
export function BudgetStatusChip({ status }: { status: BudgetStatus }) {
  const { main, contrastText } = useBudgetStatusColours()[status];
  const Icon = BUDGET_STATUS_ICONS[status];
  // Inline, so the Chip's own grey cannot win, whatever order MUI injects its sheets in.
  return (
    <Chip
      size="small"
      style={{ backgroundColor: main, color: contrastText }}
      icon={<Icon fontSize="small" style={{ color: 'inherit' }} />}
      label={BUDGET_STATUS_WORDS[status]}
    />
  );
}
