import { CostBreakdown } from '@internal/backstage-plugin-delivery-common';
import Tooltip from '@material-ui/core/Tooltip';
import { formatUsd } from './money';

/** A line's total, with what it pays for (CPU, memory, storage) on hover. */
export function CostAmount({ cost }: { cost: CostBreakdown }) {
  return (
    <Tooltip
      title={`CPU ${formatUsd(cost.cpu)}, memory ${formatUsd(
        cost.memory,
      )}, storage ${formatUsd(cost.storage)}`}
    >
      <span>{formatUsd(cost.total)}</span>
    </Tooltip>
  );
}
