import { StatusError, StatusOK } from '@backstage/core-components';
import {
  DrFailoverMode,
  DrFailoverRecord,
  DrFailoverState,
} from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMinutes, formatSeconds } from './drDurations';
import { RelativeTime } from './RelativeTime';

const MODE_WORDS: Record<DrFailoverMode, string> = {
  drill: 'Failover drill',
  switchover: 'Switchover',
  failover: 'Failover',
};

const SIDE_WORDS: Record<string, string> = {
  primary: 'the primary region',
  dr: 'the DR region',
  other: 'somewhere else',
  unknown: 'unknown',
};

/** Where a run left the database, DNS and replicas: what to read before acting on a failed failover. */
function stateLeft(state: DrFailoverState): string {
  const parts = [
    `database writes go to ${SIDE_WORDS[state.databasePrimary]}`,
    `DNS points to ${SIDE_WORDS[state.dnsPointsTo]}`,
  ];
  if (state.primaryReadyReplicas !== undefined)
    parts.push(`${state.primaryReadyReplicas} ready replicas in the primary`);
  if (state.drReadyReplicas !== undefined)
    parts.push(`${state.drReadyReplicas} ready replicas in the DR region`);
  return parts.join('; ');
}

function Recovery({
  run,
  rtoMinutes,
}: {
  run: DrFailoverRecord;
  rtoMinutes: number;
}) {
  const rto = `RTO ${formatMinutes(rtoMinutes)}`;
  const seconds = run.outcome?.recoverySeconds;
  if (seconds !== undefined) {
    const text = `recovered in ${formatSeconds(seconds)} — ${rto}`;
    return seconds <= rtoMinutes * 60 ? (
      <StatusOK>{text}</StatusOK>
    ) : (
      <StatusError>{text}, slower than the objective</StatusError>
    );
  }
  if (run.status === 'running' || run.status === 'paused') {
    return <>still running, no recovery time yet — {rto}</>;
  }
  return <StatusError>the DR side never served — no recovery time</StatusError>;
}

/**
 * The newest drill, switchover or failover: who ran it, when, how long recovery took
 * against the RTO, and for a failed run the step that failed and the state it left.
 */
export function LatestFailover(props: {
  failovers: DrFailoverRecord[];
  rtoMinutes: number;
  now: number;
}) {
  const { failovers, rtoMinutes, now } = props;
  const run = failovers[0];
  if (!run) {
    return (
      <Typography variant="body2" color="textSecondary">
        No drill, switchover or failover has been run with Delivery yet.
      </Typography>
    );
  }
  const failedStep = run.outcome?.steps.find(step => step.status === 'failed');
  const rolledBack = (run.outcome?.steps ?? []).filter(
    step => step.status === 'rolled-back',
  );
  return (
    <Box aria-label="latest failover">
      <Typography variant="body2">
        <strong>{MODE_WORDS[run.mode]}</strong> in {run.environment},{' '}
        <strong>{run.status}</strong>,{' '}
        <RelativeTime iso={run.finishedAt ?? run.startedAt} now={now} />, by{' '}
        {run.initiatedBy} (run {run.runId})
      </Typography>
      <Typography variant="body2" component="div">
        <Recovery run={run} rtoMinutes={rtoMinutes} />
      </Typography>
      {run.summary && (
        <Typography variant="body2" color="textSecondary">
          {run.summary}
        </Typography>
      )}
      {run.status === 'failed' && (
        <Box mt={1}>
          {failedStep && (
            <Typography variant="body2">
              Failed at step <strong>{failedStep.id}</strong>
              {failedStep.seconds !== undefined
                ? ` after ${formatSeconds(failedStep.seconds)}`
                : ''}
              : {failedStep.detail}
            </Typography>
          )}
          {rolledBack.length > 0 && (
            <Typography variant="body2">
              Rolled back: {rolledBack.map(step => step.id).join(', ')}
            </Typography>
          )}
          {run.outcome && (
            <Typography variant="body2">
              Left in this state: {stateLeft(run.outcome.state)}
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
