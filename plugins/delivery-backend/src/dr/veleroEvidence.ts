import type { ClusterSnapshot } from '@internal/backstage-plugin-delivery-common';
import type { CachedWorkloads } from '../cache/ClusterCache';
import { endedAt } from '../cache/compactVelero';
import type { VeleroReading } from '../cache/VeleroBackups';
import type { DrBackupEvidence } from './readiness/evidence';

/**
 * The newest Completed Velero Backup covering the service's namespaces in one cluster, with
 * a newer failed one beside it; none when no Backup covers them. Undefined when Velero's
 * Backups could not be read there (a cluster that does not serve them has none: []).
 */
export function veleroBackupsOf(
  cluster: ClusterSnapshot,
  workloads: CachedWorkloads,
  velero: VeleroReading | undefined,
): DrBackupEvidence[] | undefined {
  if (!velero || velero.state === 'unknown') return undefined;
  if (velero.state === 'not-served') return [];
  const namespaces = new Set(
    [...workloads.deployments, ...workloads.cronJobs].map(o => o.namespace),
  );
  const found: DrBackupEvidence[] = [];
  for (const namespace of namespaces) {
    const { completed, failed, schedules } = velero.coverage(namespace);
    const newest = completed ?? failed;
    if (!newest) continue;
    const failedSince =
      failed &&
      (!completed ||
        Date.parse(endedAt(failed) ?? '') >
          Date.parse(endedAt(completed) ?? ''));
    found.push({
      source: 'velero',
      name: newest.name,
      cluster: cluster.name,
      namespace: newest.namespace,
      lastSuccessfulAt: completed ? endedAt(completed) : undefined,
      latestFailure: failedSince
        ? {
            name: failed.name,
            phase: failed.phase!,
            at: endedAt(failed),
          }
        : undefined,
      pausedSchedules: schedules.filter(s => s.paused).map(s => s.name),
    });
  }
  return found;
}
