import {
  DR_DRILL_MAX_AGE_DAYS,
  DrDescriptor,
  formatDurationMinutes,
} from '@internal/backstage-plugin-delivery-common';
import type { DrDrillEvidence } from '../evidence';
import { DAY_MS, formatSpan, timeOf } from '../time';
import type { CheckOutcome } from './outcome';

/**
 * Check 5: the latest finished failover drill ended no more than 90 days ago (exactly 90
 * days passes), succeeded, and recovered within the RTO (equal to the RTO passes).
 * Only the latest counts: a failed drill after a good one means failover no longer works.
 * Running, paused and aborted drills prove nothing and are ignored.
 */
export function checkDrill(
  descriptor: DrDescriptor,
  drills: DrDrillEvidence[] | undefined,
  now: number,
): CheckOutcome {
  const rto = formatDurationMinutes(descriptor.rtoMinutes);
  const runDrill = `Run a failover drill to the DR region and record its recovery time; repeat at least every ${DR_DRILL_MAX_AGE_DAYS} days.`;
  if (!drills) {
    return {
      status: 'unknown',
      evidence: {
        source: 'run-store',
        observed: 'the run store was not read, so past drills are not known',
      },
      fix: 'Make the Delivery run store readable so past drills can be checked.',
    };
  }
  const ended = drills
    .filter(d => d.status === 'succeeded' || d.status === 'failed')
    .map(drill => ({ drill, at: timeOf(drill.finishedAt) }))
    .filter(
      (d): d is { drill: DrDrillEvidence; at: number } => d.at !== undefined,
    )
    .sort((a, b) => b.at - a.at);
  if (ended.length === 0) {
    return {
      status: 'fail',
      evidence: { source: 'run-store', observed: 'no failover drill recorded' },
      fix: runDrill,
    };
  }

  const { drill, at } = ended[0];
  const age = now - at;
  const where = {
    source: 'run-store' as const,
    object: drill.runId,
    at: drill.finishedAt,
  };
  const when = `last drill (run ${drill.runId}) ended ${
    drill.finishedAt
  } (${formatSpan(age)} ago)`;
  if (age > DR_DRILL_MAX_AGE_DAYS * DAY_MS) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `${when}, more than ${DR_DRILL_MAX_AGE_DAYS} days ago`,
      },
      fix: runDrill,
    };
  }
  if (drill.status === 'failed') {
    return {
      status: 'fail',
      evidence: { ...where, observed: `${when} and failed` },
      fix: `Fix what made drill ${drill.runId} fail (its run log says) and run the drill again.`,
    };
  }
  if (drill.recoverySeconds === undefined) {
    return {
      status: 'unknown',
      evidence: { ...where, observed: `${when} but recorded no recovery time` },
      fix: 'Run the drill again with Delivery, which measures the recovery time, so it can be compared with the RTO.',
    };
  }
  const recovered = formatSpan(drill.recoverySeconds * 1000);
  if (drill.recoverySeconds > descriptor.rtoMinutes * 60) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `${when} and recovered in ${recovered}, slower than the RTO of ${rto}`,
      },
      fix: `Shorten the failover (a warmer standby, fewer manual steps) until a drill recovers within ${rto}, or agree a longer RTO.`,
    };
  }
  return {
    status: 'pass',
    evidence: {
      ...where,
      observed: `${when} and recovered in ${recovered}, within the RTO of ${rto}`,
    },
    fix: runDrill,
  };
}
