import { DrTrendPoint } from '@internal/backstage-plugin-delivery-common';
import { DailyTrendChart } from '../charts/DailyTrendChart';

/** The daily score, oldest first, on a fixed 0–100 axis so a small change looks small. */
export function DrTrendChart({ trend }: { trend: DrTrendPoint[] }) {
  return (
    <DailyTrendChart
      points={trend}
      value="score"
      name="score"
      label="DR score by day"
      yAxis={{ domain: [0, 100], ticks: [0, 50, 70, 90, 100] }}
      caption={(first, last) =>
        `Daily score from ${first.day} (${first.score}) to ${last.day} (${last.score})`
      }
    />
  );
}
