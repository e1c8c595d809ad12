import { serviceCount } from './serviceCount';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  BarShapeProps,
  CartesianGrid,
  LabelList,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatUsd, formatWholeUsd } from '../CostCard/money';
import { CostGroup } from './costGroups';

/** Chart width before the container is measured (and where it cannot be, as in tests). */
const INITIAL_WIDTH = 540;
const BAR_HEIGHT = 28;

/** A bar that says what it adds up, so the amounts reach screen readers too. */
function labelledBar(props: BarShapeProps) {
  const group = props.payload as CostGroup;
  return (
    <Rectangle
      x={props.x}
      y={props.y}
      width={props.width}
      height={props.height}
      fill={props.fill}
      role="img"
      aria-label={`${group.name}: ${formatUsd(
        group.monthlyUsd,
      )} a month, ${serviceCount(group.services)}`}
    />
  );
}

/**
 * The monthly cost of the services shown, added up by team or by system: one bar per
 * group, most expensive first, the ones past the top ten in one bar.
 */
export function CostByGroupChart(props: {
  /** `team` or `system`: names the figure and the axis. */
  noun: string;
  groups: CostGroup[];
}) {
  const { noun, groups } = props;
  const theme = useTheme();
  const height = groups.length * BAR_HEIGHT + 40;
  return (
    <Box
      component="figure"
      m={0}
      mb={2}
      mr={3}
      flex={`1 1 ${INITIAL_WIDTH / 2}px`}
      maxWidth={INITIAL_WIDTH}
      aria-label={`monthly cost by ${noun}`}
    >
      <Typography variant="subtitle2" component="figcaption">
        Monthly cost by {noun}
      </Typography>
      {groups.length > 0 && (
        <ResponsiveContainer
          width="100%"
          height={height}
          initialDimension={{ width: INITIAL_WIDTH, height }}
        >
          <BarChart
            data={groups}
            layout="vertical"
            margin={{ top: 8, right: 56, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              tickFormatter={(value: number) => formatWholeUsd(value)}
            />
            <YAxis
              type="category"
              dataKey="name"
              // As wide as the longest name (propertyos-payments-team), not a guess.
              width="auto"
              tick={{ fontSize: 12 }}
              interval={0}
            />
            <Tooltip formatter={value => formatUsd(Number(value))} />
            <Bar
              dataKey="monthlyUsd"
              name="a month"
              fill={theme.palette.primary.main}
              shape={labelledBar}
              isAnimationActive={false}
            >
              <LabelList
                dataKey="monthlyUsd"
                position="right"
                formatter={value => formatWholeUsd(Number(value))}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </Box>
  );
}
