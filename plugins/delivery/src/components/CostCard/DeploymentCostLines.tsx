import { CostClusterLine } from '@internal/backstage-plugin-delivery-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { CostAmount } from './CostAmount';
import { purchaseWords } from './purchaseWords';

/**
 * The Deployments a cluster's figures add up from: each at its current replicas and at
 * its HPA's minimum and maximum (the same three when it has no HPA), then the storage
 * line, which does not scale with replicas.
 */
export function DeploymentCostLines({ line }: { line: CostClusterLine }) {
  const { estimate, prices } = line;
  return (
    <Table size="small" aria-label={`Deployments in ${line.cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Deployment</TableCell>
          <TableCell>Replicas now / min / max</TableCell>
          <TableCell>Purchase</TableCell>
          <TableCell align="right">Now</TableCell>
          <TableCell align="right">At min</TableCell>
          <TableCell align="right">At max</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {estimate.deployments.map(deployment => (
          <TableRow key={deployment.name}>
            <TableCell>{deployment.name}</TableCell>
            <TableCell>
              {deployment.replicas.current} / {deployment.replicas.min} /{' '}
              {deployment.replicas.max}
            </TableCell>
            <TableCell>{purchaseWords(deployment.purchase, prices)}</TableCell>
            <TableCell align="right">
              <CostAmount cost={deployment.current} />
            </TableCell>
            <TableCell align="right">
              <CostAmount cost={deployment.atMin} />
            </TableCell>
            <TableCell align="right">
              <CostAmount cost={deployment.atMax} />
            </TableCell>
          </TableRow>
        ))}
        {estimate.storage.total > 0 && (
          <TableRow>
            <TableCell>Persistent storage</TableCell>
            <TableCell>—</TableCell>
            <TableCell>never discounted</TableCell>
            <TableCell align="right">
              <CostAmount cost={estimate.storage} />
            </TableCell>
            <TableCell align="right">
              <CostAmount cost={estimate.storage} />
            </TableCell>
            <TableCell align="right">
              <CostAmount cost={estimate.storage} />
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
