import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import { describeInputs } from './runInputs';
import { RecordedDeployment, selectorChanges, stateChanges } from './runState';

/** Cluster names are short; breaking one mid-word ("stagin/g") reads badly. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const describe = (d?: RecordedDeployment) =>
  d ? `${d.image} (${d.ready}/${d.replicas} ready)` : '-';

/** A run's inputs and what it changed, cluster by cluster: the row's detail panel. */
export function RunDetails({ run }: { run: DeliveryRun }) {
  const inputs = describeInputs(run.inputs);
  const changes = stateChanges(run.before, run.after);
  const switches = selectorChanges(run.before, run.after);
  return (
    <Box px={4} py={2}>
      <Typography variant="subtitle2">Inputs</Typography>
      <Typography variant="body2" component="div" gutterBottom>
        {inputs.length
          ? inputs.map(({ key, text }) => (
              <div key={key}>
                {key}: {text}
              </div>
            ))
          : 'none'}
      </Typography>
      {switches.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
      {changes.length > 0 ? (
        <Table size="small" aria-label={`what run ${run.id} changed`}>
          <TableHead>
            <TableRow>
              <TableCell style={NO_WRAP}>Cluster</TableCell>
              <TableCell>Deployment</TableCell>
              <TableCell>Before</TableCell>
              <TableCell>After</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map(change => (
              <TableRow key={`${change.cluster}/${change.name}`}>
                <TableCell style={NO_WRAP}>{change.cluster}</TableCell>
                <TableCell>{change.name}</TableCell>
                <TableCell>{describe(change.before)}</TableCell>
                <TableCell>
                  {run.finishedAt ? describe(change.after) : 'still running'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">No cluster state was recorded.</Typography>
      )}
    </Box>
  );
}
