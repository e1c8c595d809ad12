import { DrTrendPoint } from '@internal/backstage-plugin-delivery-common';
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

/** Chart size before the container is measured (and where it cannot be, as in tests). */
const INITIAL_SIZE = { width: 480, height: 180 };

/** The daily score, oldest first, on a fixed 0–100 axis so a small change looks small. */
export function DrTrendChart({ trend }: { trend: DrTrendPoint[] }) {
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
    <figure style={{ margin: 0 }} aria-label="DR score by day">
      <ResponsiveContainer
        width="100%"
        height={INITIAL_SIZE.height}
        initialDimension={INITIAL_SIZE}
      >
        <LineChart
          data={trend}
          margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis domain={[0, 100]} ticks={[0, 50, 70, 90, 100]} />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="score"
            name="score"
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
        Daily score from {first.day} ({first.score}) to {last.day} ({last.score}
        )
      </Typography>
    </figure>
  );
}
