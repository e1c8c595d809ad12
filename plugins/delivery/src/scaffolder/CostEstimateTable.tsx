import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { CostBreakdown } from '@internal/backstage-plugin-delivery-common';
import { formulaText, runningText, usd } from './estimateText';
import { GoldenPathEstimate } from './goldenPathEstimate';

const money = (cost: CostBreakdown) => usd(cost.total);

/**
 * One row per environment the template renders, at the HPA minimum and maximum, and the
 * total; the caption is the formula with the prices it used. Its accessible name is
 * "monthly estimate" so a browser journey can read it.
 */
export function CostEstimateTable(props: {
  estimate: Extract<GoldenPathEstimate, { kind: 'estimate' }>;
}) {
  const { rows, total, complete, perPod } = props.estimate;
  const priced = rows.flatMap(row =>
    row.priced
      ? [{ environment: row.environment, prices: row.priced.prices }]
      : [],
  );
  return (
    <Table size="small" aria-label="monthly estimate">
      <caption>{formulaText(perPod, priced)}</caption>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Environment
          </TableCell>
          <TableCell component="th" scope="col">
            Runs
          </TableCell>
          <TableCell component="th" scope="col" align="right">
            At HPA minimum
          </TableCell>
          <TableCell component="th" scope="col" align="right">
            At HPA maximum
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.environment}>
            <TableCell>{row.environment}</TableCell>
            <TableCell>{runningText(row.running)}</TableCell>
            {row.priced ? (
              <>
                <TableCell align="right">{money(row.priced.atMin)}</TableCell>
                <TableCell align="right">{money(row.priced.atMax)}</TableCell>
              </>
            ) : (
              <TableCell colSpan={2} align="right">
                The Delivery backend has no prices for{' '}
                {row.overlay === 'dr'
                  ? 'the DR cluster of production'
                  : row.environment}
              </TableCell>
            )}
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>
              {complete ? 'Total' : 'Total of the priced environments'}
            </strong>
          </TableCell>
          <TableCell />
          <TableCell align="right">
            <strong>{money(total.atMin)}</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{money(total.atMax)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
