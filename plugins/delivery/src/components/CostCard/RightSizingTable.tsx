import { RightSizingResult } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
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
import { formatUsd } from './money';
import { RightSizingStatusChip } from './RightSizingStatusChip';
import {
  changeText,
  deploymentText,
  extraCostReason,
  mebibytesText,
  millicoresText,
  placeText,
  refusalText,
  savingText,
} from './rightSizingText';

const COLUMNS = 9;

const NONE = '—';

function targetText({ current, recommended }: RightSizingResult): string {
  if (current.cpuTargetPercent === undefined) return NONE;
  return changeText(
    `${current.cpuTargetPercent} %`,
    `${recommended.cpuTargetPercent ?? current.cpuTargetPercent} %`,
  );
}

function replicasText({ replicas }: RightSizingResult): string {
  if (!replicas) return NONE;
  const { before, after } = replicas;
  return changeText(
    `${before.p50} / ${before.p95}`,
    `${after.p50} / ${after.p95}`,
  );
}

function costText({ monthlyCost }: RightSizingResult): string {
  if (!monthlyCost) return NONE;
  return changeText(
    formatUsd(monthlyCost.before.total),
    formatUsd(monthlyCost.after.total),
  );
}

/** Only a recommended change saves (or costs) anything; the others leave it at 0. */
function Saving({ result }: { result: RightSizingResult }) {
  if (result.status !== 'recommend') return <>{NONE}</>;
  return (
    <>
      {savingText(result.monthlySaving)}
      {result.monthlySaving < 0 && (
        <Typography variant="caption" color="textSecondary" display="block">
          {extraCostReason(result)}
        </Typography>
      )}
    </>
  );
}

/** What stops a row from having a recommendation, on a line of its own under it. */
function blockerOf(result: RightSizingResult): string | undefined {
  if (result.status === 'refused') return refusalText(result);
  if (result.status === 'insufficient-data') {
    return `Missing: ${(result.missing ?? []).join('; ')}.`;
  }
  return undefined;
}

function DeploymentRow({ result }: { result: RightSizingResult }) {
  const [open, setOpen] = useState(false);
  const { current, recommended } = result;
  const name = deploymentText(result);
  const blocker = blockerOf(result);
  return (
    <>
      <TableRow aria-label={name}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`Why: ${name}`}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          {result.name}
          <Typography variant="caption" color="textSecondary" display="block">
            {placeText(result)}
          </Typography>
        </TableCell>
        <TableCell>
          <RightSizingStatusChip status={result.status} />
        </TableCell>
        <TableCell>
          {changeText(
            millicoresText(current.cpuMillicores),
            millicoresText(recommended.cpuMillicores),
          )}
        </TableCell>
        <TableCell>
          {changeText(
            mebibytesText(current.memoryBytes),
            mebibytesText(recommended.memoryBytes),
          )}
        </TableCell>
        <TableCell>{targetText(result)}</TableCell>
        <TableCell>{replicasText(result)}</TableCell>
        <TableCell align="right">{costText(result)}</TableCell>
        <TableCell align="right">
          <Saving result={result} />
        </TableCell>
      </TableRow>
      {blocker && (
        <TableRow aria-label={`What stops ${name}`}>
          <TableCell padding="checkbox" />
          <TableCell colSpan={COLUMNS - 1}>
            <Typography variant="body2">{blocker}</Typography>
          </TableCell>
        </TableRow>
      )}
      <TableRow>
        <TableCell
          colSpan={COLUMNS}
          style={{ paddingTop: 0, paddingBottom: 0, borderBottom: 'none' }}
        >
          <Collapse in={open} unmountOnExit>
            <Box ml={6} mb={2} component="ul" aria-label={`Why: ${name}`}>
              {result.explanation.map((sentence, index) => (
                <li key={index}>
                  <Typography variant="body2">{sentence}</Typography>
                </li>
              ))}
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}

/**
 * A row per Deployment: the verdict, the CPU and memory requests and the HPA's CPU target
 * now → recommended, the replicas the HPA runs at median and p95 load, the monthly cost
 * and the saving; a row opens to the sentences that justify it, and a refused or
 * not-yet-judged row says why under it.
 */
export function RightSizingTable({
  deployments,
}: {
  deployments: RightSizingResult[];
}) {
  return (
    <Table size="small" aria-label="right-sizing by Deployment">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Deployment</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>CPU request</TableCell>
          <TableCell>Memory request</TableCell>
          <TableCell>HPA CPU target</TableCell>
          <TableCell>Replicas median / p95</TableCell>
          <TableCell align="right">Cost a month</TableCell>
          <TableCell align="right">Saving a month</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {deployments.map(result => (
          <DeploymentRow
            key={`${result.cluster ?? ''}/${result.namespace}/${result.name}`}
            result={result}
          />
        ))}
      </TableBody>
    </Table>
  );
}
