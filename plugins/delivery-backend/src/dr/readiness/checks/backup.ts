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
 * Check 4: the newest successful backup, from any source, is no older than the RPO (as old
 * as the RPO passes). Seeds 001 (hourly incremental backups for an RPO under 1 h) and 003
 * (recovery restores "the latest snapshot") rely on this bound. A point-in-time-recovery
 * provider reports its latest restorable time as a snapshot, which is how a 5-minute RPO
 * can be met by backups at all.
 */
export function checkBackup(
  descriptor: DrDescriptor,
  backups: DrBackupEvidence[] | undefined,
  now: number,
): CheckOutcome {
  const rpo = formatDurationMinutes(descriptor.rpoMinutes);
  const schedule = `Schedule a backup at least every ${rpo} (the golden path's backup CronJob, labelled ${LABEL_APP_COMPONENT}=${COMPONENTS.backup}) and keep it succeeding.`;
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
  if (succeeded.length === 0) {
    return {
      status: 'fail',
      evidence: {
        ...whereOf(backups[0]),
        observed: `no backup has ever succeeded: ${backups
          .map(describe)
          .join(', ')}`,
      },
      fix: `Make ${describe(
        backups[0],
      )} succeed (its last Job's log says why it fails), then keep it scheduled at least every ${rpo}.`,
    };
  }

  const newest = succeeded[0];
  const at = newest.backup.lastSuccessfulAt!;
  const age = now - newest.at;
  const evidence = { ...whereOf(newest.backup), at };
  const when = `last successful backup at ${at} (${formatSpan(
    age,
  )} ago, ${describe(newest.backup)})`;
  if (age > descriptor.rpoMinutes * MINUTE_MS) {
    return {
      status: 'fail',
      evidence: {
        ...evidence,
        observed: `${when} is older than the RPO of ${rpo}`,
      },
      fix: schedule,
    };
  }
  return {
    status: 'pass',
    evidence: { ...evidence, observed: `${when}, within the RPO of ${rpo}` },
    fix: schedule,
  };
}
