import {
  COMPONENTS,
  DrCheckEvidence,
  DrDescriptor,
  formatDurationMinutes,
  LABEL_APP_COMPONENT,
} from '@internal/backstage-plugin-delivery-common';
import type { DrBackupEvidence } from '../evidence';
import { formatSpan, MINUTE_MS, timeOf } from '../time';
import type { CheckOutcome } from './outcome';

/** Where a backup source is, in the evidence's terms. */
function whereOf(backup: DrBackupEvidence): Omit<DrCheckEvidence, 'observed'> {
  switch (backup.source) {
    case 'cronjob':
      return {
        source: 'cluster',
        cluster: backup.cluster,
        namespace: backup.namespace,
        object: `CronJob/${backup.name}`,
      };
    case 'velero':
      return {
        source: 'velero',
        cluster: backup.cluster,
        namespace: backup.namespace,
        object: `Backup/${backup.name}`,
      };
    default:
      return {
        source: 'dr-provider',
        provider: backup.provider,
        object: backup.name,
      };
  }
}

function describe(backup: DrBackupEvidence): string {
  const where = whereOf(backup);
  const place = where.cluster
    ? ` in ${where.cluster}${where.namespace ? `/${where.namespace}` : ''}`
    : '';
  if (backup.source === 'snapshot') {
    return `${backup.provider ?? 'provider'} snapshot ${backup.name}`;
  }
  return `${where.object}${place}`;
}

/**
 * A Velero Backup that failed after the last completed one, in words: "Velero Backup X
 * PartiallyFailed at T (2h ago) in production". Empty for every other source.
 */
function failuresOf(backups: DrBackupEvidence[], now: number): string[] {
  return backups.flatMap(backup => {
    const failure = backup.latestFailure;
    if (!failure) return [];
    const at = timeOf(failure.at);
    const when =
      at === undefined ? '' : ` at ${failure.at} (${formatSpan(now - at)} ago)`;
    const where = backup.cluster ? ` in ${backup.cluster}` : '';
    return [`Velero Backup ${failure.name} ${failure.phase}${when}${where}`];
  });
}

/** What to do about failed Velero Backups and paused Schedules; empty when neither. */
function veleroFix(backups: DrBackupEvidence[]): string {
  const failed = backups.filter(b => b.latestFailure);
  const paused = [...new Set(backups.flatMap(b => b.pausedSchedules ?? []))];
  let fix = '';
  if (failed.length > 0) {
    fix += ` Find out why ${failed
      .map(b => `Velero Backup ${b.latestFailure!.name}`)
      .join(
        ', ',
      )} did not complete (velero backup describe --details, velero backup logs).`;
  }
  if (paused.length > 0) {
    fix += ` Velero Schedule ${paused.join(
      ', ',
    )} is paused (velero schedule unpause).`;
  }
  return fix;
}

/**
 * Check 4: the newest successful backup, from any source, is no older than the RPO (as old
 * as the RPO passes). Seeds 001 (hourly incremental backups for an RPO under 1 h) and 003
 * (recovery restores "the latest snapshot") rely on this bound. A point-in-time-recovery
 * provider reports its latest restorable time as a snapshot, which is how a 5-minute RPO
 * can be met by backups at all. A Velero Backup that failed after the last completed one
 * does not change the status (the completed one is still restorable) but is always named,
 * so a Velero that stopped working shows before the RPO runs out.
 */
export function checkBackup(
  descriptor: DrDescriptor,
  backups: DrBackupEvidence[] | undefined,
  now: number,
): CheckOutcome {
  const rpo = formatDurationMinutes(descriptor.rpoMinutes);
  const schedule = `Schedule a backup at least every ${rpo} (the golden path's backup CronJob, labelled ${LABEL_APP_COMPONENT}=${COMPONENTS.backup}, or a Velero Schedule that covers the service's namespace) and keep it succeeding.`;
  if (!backups) {
    return {
      status: 'unknown',
      evidence: {
        source: 'cluster',
        observed:
          'backups were not gathered (backup CronJob, provider snapshots, Velero)',
      },
      fix: 'Make the backup CronJob, the DR provider or Velero readable by Delivery so the last backup can be checked.',
    };
  }
  if (backups.length === 0) {
    return {
      status: 'fail',
      evidence: {
        source: 'cluster',
        observed:
          'no backup found: no backup CronJob, provider snapshot or Velero backup',
      },
      fix: schedule,
    };
  }

  const succeeded = backups
    .map(backup => ({ backup, at: timeOf(backup.lastSuccessfulAt) }))
    .filter(
      (b): b is { backup: DrBackupEvidence; at: number } => b.at !== undefined,
    )
    .sort((a, b) => b.at - a.at);
  const failures = failuresOf(backups, now);
  const failuresNote = failures.length ? `; ${failures.join('; ')}` : '';
  if (succeeded.length === 0) {
    const first = backups[0];
    const why =
      first.source === 'velero'
        ? 'velero backup logs says why it fails'
        : "its last Job's log says why it fails";
    return {
      status: 'fail',
      evidence: {
        ...whereOf(first),
        observed: `no backup has ever succeeded: ${backups
          .map(describe)
          .join(', ')}${failuresNote}`,
      },
      fix: `Make ${describe(
        first,
      )} succeed (${why}), then keep it scheduled at least every ${rpo}.`,
    };
  }

  const newest = succeeded[0];
  const at = newest.backup.lastSuccessfulAt!;
  const age = now - newest.at;
  const evidence = { ...whereOf(newest.backup), at };
  const when = `last successful backup at ${at} (${formatSpan(
    age,
  )} ago, ${describe(newest.backup)})`;
  const fix = `${schedule}${veleroFix(backups)}`;
  if (age > descriptor.rpoMinutes * MINUTE_MS) {
    return {
      status: 'fail',
      evidence: {
        ...evidence,
        observed: `${when} is older than the RPO of ${rpo}${failuresNote}`,
      },
      fix,
    };
  }
  return {
    status: 'pass',
    evidence: {
      ...evidence,
      observed: `${when}, within the RPO of ${rpo}${failuresNote}`,
    },
    fix,
  };
}
