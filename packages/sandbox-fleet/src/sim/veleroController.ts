import { CronExpressionParser } from 'cron-parser';
import { Cluster } from '../fleet/Cluster';
import { typeMeta } from './objects';
import {
  LABEL_VELERO_SCHEDULE,
  scheduledBackupName,
  VELERO_BACKUP_MS,
  VELERO_KINDS,
} from './veleroObjects';

function lastDueBefore(schedule: string, now: number): number | undefined {
  try {
    return CronExpressionParser.parse(schedule, {
      currentDate: new Date(now),
      tz: 'UTC',
    })
      .prev()
      .getTime();
  } catch {
    return undefined;
  }
}

/**
 * Velero's schedule and backup controllers, as far as the portal can tell: an unpaused
 * Schedule creates its Backup (from its template, labelled with the schedule name) when
 * due and records `status.lastBackup`; a Backup runs `VELERO_BACKUP_MS` and is Completed.
 * Seeded Backups that ended otherwise (Failed, PartiallyFailed) are left as they are.
 */
export function reconcileVelero(cluster: Cluster): void {
  const { store } = cluster;
  const now = cluster.clock.now();
  for (const schedule of store.all(VELERO_KINDS.schedule)) {
    if (schedule.spec?.paused) continue;
    const due = lastDueBefore(schedule.spec?.schedule ?? '', now);
    const last = Date.parse(
      schedule.status?.lastBackup ?? schedule.metadata.creationTimestamp ?? '',
    );
    if (due === undefined || !(due > last)) continue;
    const { namespace, name } = schedule.metadata;
    store.create(VELERO_KINDS.backup, {
      ...typeMeta('Backup'),
      metadata: {
        name: scheduledBackupName(name, due),
        namespace,
        labels: { [LABEL_VELERO_SCHEDULE]: name },
      },
      spec: { ...(schedule.spec?.template ?? {}) },
      status: {
        phase: 'InProgress',
        startTimestamp: new Date(due).toISOString(),
      },
    });
    store.update(VELERO_KINDS.schedule, {
      ...schedule,
      status: {
        ...schedule.status,
        phase: 'Enabled',
        lastBackup: new Date(due).toISOString(),
      },
    });
  }
  for (const backup of store.all(VELERO_KINDS.backup)) {
    if (backup.status?.phase !== 'InProgress') continue;
    const started = Date.parse(backup.status.startTimestamp ?? '');
    if (!(now - started >= VELERO_BACKUP_MS)) continue;
    store.update(VELERO_KINDS.backup, {
      ...backup,
      status: {
        ...backup.status,
        phase: 'Completed',
        completionTimestamp: new Date(started + VELERO_BACKUP_MS).toISOString(),
      },
    });
  }
}
