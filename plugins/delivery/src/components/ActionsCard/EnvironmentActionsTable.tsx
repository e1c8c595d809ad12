import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { DeployButton } from './DeployButton';
import { EnvironmentAction } from './environmentActions';
import { EnvironmentLabel } from './EnvironmentLabel';
import { RunningVersions } from './RunningVersions';

/** A row per environment: its name, what runs there, and the actions on it. */
export function EnvironmentActionsTable(props: {
  rows: EnvironmentAction[];
  deployHref: (row: EnvironmentAction) => string | undefined;
}) {
  const { rows, deployHref } = props;
  return (
    <Table size="small" aria-label="environment actions">
      <TableHead>
        <TableRow>
          <TableCell>Environment</TableCell>
          <TableCell>Running</TableCell>
          <TableCell align="right">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.name}>
            {/* MUI gives body cells role="cell"; keep the row header a row header. */}
            <TableCell component="th" scope="row" role="rowheader">
              <EnvironmentLabel row={row} />
            </TableCell>
            <TableCell>
              <RunningVersions versions={row.versions} />
            </TableCell>
            <TableCell align="right">
              <DeployButton environment={row.name} href={deployHref(row)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
