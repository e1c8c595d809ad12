import { CostClusterLine } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { useState } from 'react';
import { CostAmount } from './CostAmount';
import { DeploymentCostLines } from './DeploymentCostLines';
import { formatUsd } from './money';
import { purchaseWords } from './purchaseWords';

const COLUMNS = 8;

/** `2026-02-01T00:00:00Z` → `2026-02-01`: the window is read in days. */
const dayOf = (iso: string) => iso.slice(0, 10);

function Measured({ line }: { line: CostClusterLine }) {
  if (!line.measured) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        not measured
      </Typography>
    );
  }
  const { measured } = line;
  return (
    <>
      <CostAmount cost={measured} />
      <Typography variant="caption" color="textSecondary" display="block">
        {measured.source}, {dayOf(measured.window.start)} to{' '}
        {dayOf(measured.window.end)}
      </Typography>
    </>
  );
}

function ClusterRow({ line }: { line: CostClusterLine }) {
  const [open, setOpen] = useState(false);
  const count = line.estimate.deployments.length;
  return (
    <>
      <TableRow data-cluster={line.cluster}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`Deployments in ${line.cluster}`}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell>{line.environment}</TableCell>
        <TableCell>
          {line.cluster}
          {line.role === 'dr' && (
            <Chip
              size="small"
              variant="outlined"
              label="DR"
              style={{ marginLeft: 4 }}
            />
          )}
          <Typography variant="caption" color="textSecondary" display="block">
            {[line.region, `${count} Deployment${count === 1 ? '' : 's'}`]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </TableCell>
        <TableCell>{purchaseWords(line.purchase, line.prices)}</TableCell>
        <TableCell align="right">
          <CostAmount cost={line.estimate.current} />
        </TableCell>
        <TableCell align="right">
          <CostAmount cost={line.estimate.atMin} />
        </TableCell>
        <TableCell align="right">
          <CostAmount cost={line.estimate.atMax} />
        </TableCell>
        <TableCell align="right">
          <Measured line={line} />
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={COLUMNS}
          style={{ paddingTop: 0, paddingBottom: 0, borderBottom: 'none' }}
        >
          <Collapse in={open} unmountOnExit>
            <Box ml={6} mb={2}>
              <DeploymentCostLines line={line} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}

/**
 * A row per environment and cluster: how its capacity is bought, the monthly cost now and
 * at the HPA's minimum and maximum, and what the cost source measured there; a row opens
 * to the Deployments it adds up from. The footer holds the service's totals.
 */
export function ClusterCostTable(props: {
  clusters: CostClusterLine[];
  monthly: { current: number; atMin: number; atMax: number };
  measuredMonthly?: number;
}) {
  const { clusters, monthly, measuredMonthly } = props;
  return (
    <Table size="small" aria-label="cost by cluster">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Environment</TableCell>
          <TableCell>Cluster</TableCell>
          <TableCell>Purchase</TableCell>
          <TableCell align="right">Now</TableCell>
          <TableCell align="right">At min</TableCell>
          <TableCell align="right">At max</TableCell>
          <TableCell align="right">Measured</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(line => (
          <ClusterRow key={`${line.environment}/${line.cluster}`} line={line} />
        ))}
        <TableRow aria-label="total">
          <TableCell padding="checkbox" />
          <TableCell colSpan={3}>
            <strong>Total a month</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{formatUsd(monthly.current)}</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{formatUsd(monthly.atMin)}</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{formatUsd(monthly.atMax)}</strong>
          </TableCell>
          <TableCell align="right">
            <strong>
              {measuredMonthly === undefined ? '—' : formatUsd(measuredMonthly)}
            </strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
