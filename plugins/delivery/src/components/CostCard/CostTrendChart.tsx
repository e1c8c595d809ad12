import { CostTrendPoint } from '@internal/backstage-plugin-delivery-common';
import { DailyTrendChart } from '../charts/DailyTrendChart';
import { formatUsd, formatWholeUsd } from './money';

/** The monthly run rate of each day's snapshot, oldest first. */
export function CostTrendChart({ trend }: { trend: CostTrendPoint[] }) {
  return (
    <DailyTrendChart
      points={trend}
      value="monthlyUsd"
      name="monthly run rate"
      label="monthly cost by day"
      yAxis={{
        domain: [0, 'auto'],
        tickFormatter: (value: number) => formatWholeUsd(value),
        width: 64,
      }}
      format={formatUsd}
      caption={(first, last) =>
        `Monthly run rate from ${first.day} (${formatUsd(
          first.monthlyUsd,
        )}) to ${last.day} (${formatUsd(last.monthlyUsd)})`
      }
    />
  );
}
