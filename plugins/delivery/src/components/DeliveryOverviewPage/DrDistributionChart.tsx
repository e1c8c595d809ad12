import { serviceCount } from './serviceCount';
import {
  DR_GRADES,
  DrGrade,
  summariseDrReadiness,
  TIERS,
} from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  BarShapeProps,
  LabelList,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DR_GRADE_WORDS, useDrGradeColours } from '../DrCard/DrGradeLabel';
import { DrEntry } from './drReadiness';

/** Chart size before the container is measured (and where it cannot be, as in tests). */
const INITIAL_SIZE = { width: 640, height: 200 };

/** A bar that says what it counts, so the numbers reach screen readers too. */
function labelledBar(grade: DrGrade) {
  return (props: BarShapeProps) => (
    <Rectangle
      x={props.x}
      y={props.y}
      width={props.width}
      height={props.height}
      fill={props.fill}
      role="img"
      aria-label={`${props.payload.group}: ${props.value} ${DR_GRADE_WORDS[
        grade
      ].toLocaleLowerCase('en-US')}`}
    />
  );
}

/**
 * How many services are not ready, at risk and ready, overall and per tier, for the
 * services the table shows. Counted once per service, not per cluster row.
 */
export function DrDistributionChart(props: {
  entries: DrEntry[];
  /** Services shown without a derived readiness, said beside the chart. */
  unassessed: number;
}) {
  const { entries, unassessed } = props;
  const colours = useDrGradeColours();
  const distribution = summariseDrReadiness(entries);
  const data = [
    { group: 'All services', ...distribution.grades },
    ...TIERS.map(tier => ({ group: tier, ...distribution.byTier[tier] })),
  ];
  const summary = `${serviceCount(distribution.total)}: ${DR_GRADES.map(
    grade =>
      `${distribution.grades[grade]} ${DR_GRADE_WORDS[grade].toLocaleLowerCase(
        'en-US',
      )}`,
  ).join(', ')}${unassessed ? `; ${unassessed} not assessed yet` : ''}`;
  return (
    <Box
      component="figure"
      m={0}
      mb={2}
      maxWidth={INITIAL_SIZE.width}
      aria-label="DR readiness by tier"
    >
      <Typography variant="subtitle2" component="figcaption">
        DR readiness — {summary}
      </Typography>
      {distribution.total > 0 && (
        <ResponsiveContainer
          width="100%"
          height={INITIAL_SIZE.height}
          initialDimension={INITIAL_SIZE}
        >
          <BarChart data={data} margin={{ top: 16, right: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="group" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend itemSorter={null} />
            {DR_GRADES.map(grade => (
              <Bar
                key={grade}
                dataKey={grade}
                name={DR_GRADE_WORDS[grade]}
                fill={colours[grade]}
                shape={labelledBar(grade)}
                isAnimationActive={false}
              >
                <LabelList dataKey={grade} position="top" />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </Box>
  );
}
