import Box from '@material-ui/core/Box';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ActionButton } from './ActionButton';
import { DeliveryAction } from './actionLink';
import { EnvironmentAction } from './environmentActions';
import { EnvironmentLabel } from './EnvironmentLabel';
import { RunningVersions } from './RunningVersions';

/**
 * A row per environment: its name, what runs there, and the actions on it: Deploy, then
 * the other actions (Rollback, Promote and Abort for a strategy that can pause, Scale,
 * Migrate for a service with a database; Retry where an Argo Rollout runs it) in a small
 * button group beside it, and Failover on a production environment with a DR cluster when
 * the user may start one.
 */
export function EnvironmentActionsTable(props: {
  rows: EnvironmentAction[];
  /** The actions offered on a row, Deploy first (see actionsFor). */
  actionsOf: (row: EnvironmentAction) => DeliveryAction[];
  hrefOf: (
    row: EnvironmentAction,
    action: DeliveryAction,
  ) => string | undefined;
  /** Whether the user holds delivery.failover.run on the service. */
  canFailover?: boolean;
  /** Why the user may not run an action in an environment; undefined when they may. */
  refusalOf?: (
    row: EnvironmentAction,
    action: DeliveryAction,
  ) => string | undefined;
}) {
  const { rows, actionsOf, hrefOf, canFailover, refusalOf } = props;
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
        {rows.map(row => {
          // One sentence per row: who may deploy here (the other actions follow the same rule).
          const refusal = refusalOf?.(row, 'deploy');
          const actions = actionsOf(row);
          const others = actions.filter(action => action !== 'deploy');
          return (
            <TableRow key={row.name}>
              {/* MUI gives body cells role="cell"; keep the row header a row header. */}
              <TableCell component="th" scope="row" role="rowheader">
                <EnvironmentLabel row={row} />
              </TableCell>
              <TableCell>
                <RunningVersions versions={row.versions} />
              </TableCell>
              <TableCell align="right">
                <Box display="inline-flex" alignItems="center" gridGap={8}>
                  {actions.includes('deploy') && (
                    <ActionButton
                      action="deploy"
                      environment={row.name}
                      href={hrefOf(row, 'deploy')}
                      refusal={refusal}
                      color="primary"
                    />
                  )}
                  {others.length > 0 && (
                    <ButtonGroup
                      size="small"
                      variant="outlined"
                      aria-label={`Other actions on ${row.name}`}
                    >
                      {others.map(action => (
                        <ActionButton
                          key={action}
                          action={action}
                          environment={row.name}
                          href={hrefOf(row, action)}
                          refusal={refusalOf?.(row, action)}
                        />
                      ))}
                    </ButtonGroup>
                  )}
                  {canFailover && row.production && row.drCluster && (
                    <ActionButton
                      action="failover"
                      environment={row.name}
                      href={hrefOf(row, 'failover')}
                      color="secondary"
                    />
                  )}
                </Box>
                {refusal && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {refusal}.
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
