import { CostTrendPoint } from '@internal/backstage-plugin-delivery-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatUsd, formatWholeUsd } from './money';

/** Chart size before the container is measured (and where it cannot be, as in tests). */
const INITIAL_SIZE = { width: 480, height: 180 };

/** The monthly run rate of each day's snapshot, oldest first. */
export function CostTrendChart({ trend }: { trend: CostTrendPoint[] }) {
  const theme = useTheme();
  if (trend.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        The trend starts after the first daily snapshot.
      </Typography>
    );
  }
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <figure style={{ margin: 0 }} aria-label="monthly cost by day">
      <ResponsiveContainer
        width="100%"
        height={INITIAL_SIZE.height}
        initialDimension={INITIAL_SIZE}
      >
        <LineChart data={trend} margin={{ top: 8, right: 16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis
            domain={[0, 'auto']}
            tickFormatter={(value: number) => formatWholeUsd(value)}
            width={64}
          />
          <Tooltip formatter={value => formatUsd(Number(value))} />
          <Line
            type="monotone"
            dataKey="monthlyUsd"
            name="monthly run rate"
            stroke={theme.palette.primary.main}
            dot={trend.length <= 31}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        Monthly run rate from {first.day} ({formatUsd(first.monthlyUsd)}) to{' '}
        {last.day} ({formatUsd(last.monthlyUsd)})
      </Typography>
    </figure>
  );
}
