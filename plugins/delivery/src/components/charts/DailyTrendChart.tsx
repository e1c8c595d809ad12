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
  YAxisProps,
} from 'recharts';

/** Chart size before the container is measured (and where it cannot be, as in tests). */
const INITIAL_SIZE = { width: 480, height: 180 };

/**
 * One value per day from a daily snapshot, oldest first, as the DR and Cost cards draw it.
 * With fewer than two days there is no line to draw, and the card says when it starts.
 */
export function DailyTrendChart<T extends { day: string }>(props: {
  points: T[];
  /** The plotted field of each point. */
  value: keyof T & string;
  /** The series' name in the tooltip. */
  name: string;
  /** The figure's accessible name. */
  label: string;
  yAxis: YAxisProps;
  format?: (value: number) => string;
  /** The caption under the line, from the first and last point. */
  caption: (first: T, last: T) => string;
}) {
  const theme = useTheme();
  const { points, format } = props;
  if (points.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        The trend starts after the first daily snapshot.
      </Typography>
    );
  }
  return (
    <figure style={{ margin: 0 }} aria-label={props.label}>
      <ResponsiveContainer
        width="100%"
        height={INITIAL_SIZE.height}
        initialDimension={INITIAL_SIZE}
      >
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis {...props.yAxis} />
          <Tooltip
            formatter={format ? value => format(Number(value)) : undefined}
          />
          <Line
            type="monotone"
            dataKey={props.value}
            name={props.name}
            stroke={theme.palette.primary.main}
            dot={points.length <= 31}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        {props.caption(points[0], points[points.length - 1])}
      </Typography>
    </figure>
  );
}
