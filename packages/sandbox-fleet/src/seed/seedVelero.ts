import { CronExpressionParser } from 'cron-parser';
import { Cluster } from '../fleet/Cluster';
import { KINDS, typeMeta } from '../sim/objects';
import {
  LABEL_VELERO_SCHEDULE,
  scheduledBackupName,
  VELERO_BACKUP_MS,
  VELERO_KINDS,
  VELERO_NAMESPACE,
} from '../sim/veleroObjects';
import { ServiceSeed } from './catalog';
import { VELERO_SCENARIOS, VeleroScenario } from './scenarios';

/**
 * How each scenario's Schedule runs and how its latest Backups ended, newest first. A fresh
 * Schedule runs every 30 minutes, so its last Completed Backup is never older than an
 * hour whatever the minute of seeding; a stale one was paused a day ago; a failing one's
 * last two runs did not complete.
 */
const PLANS: Record<
  VeleroScenario['outcome'],
  { suffix: string; cron: string; paused: boolean; phases: string[] }
> = {
  fresh: {
    suffix: 'half-hourly',
    cron: '*/30 * * * *',
    paused: false,
    phases: ['Completed', 'Completed', 'Completed'],
  },
  stale: {
    suffix: 'daily',
    cron: '0 3 * * *',
    paused: true,
    // Paused since the run before last.
    phases: ['', 'Completed', 'Completed'],
  },
  failing: {
    suffix: 'weekly',
    cron: '0 4 * * 0',
    paused: false,
    phases: ['Failed', 'PartiallyFailed', 'Completed'],
  },
};

/** The last `count` times a cron expression was due before `now`, newest first. */
function lastSlots(cron: string, now: number, count: number): number[] {
  const expression = CronExpressionParser.parse(cron, {
    currentDate: new Date(now),
    tz: 'UTC',
  });
  return Array.from({ length: count }, () => expression.prev().getTime());
}

/**
 * Velero in a cluster where a scenario backs a service's namespace up with it: the
 * `velero` namespace, one Schedule per scenario covering the service's namespace, and its
 * latest Backups as Velero leaves them (phase, start and completion times, the
 * schedule-name label). Backups still running at `now` are left InProgress for the
 * simulated Velero to complete.
 */
export function seedVelero(
  cluster: Cluster,
  services: ServiceSeed[],
  now: number,
): void {
  const scenarios = services
    .map(service => ({ service, scenario: VELERO_SCENARIOS[service.name] }))
    .filter(({ scenario }) => scenario?.cluster === cluster.name);
  if (scenarios.length === 0) return;
  const { store } = cluster;
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = iso(now - 200 * 86_400_000);
  store.create(KINDS.namespace, {
    ...typeMeta('Namespace'),
    metadata: {
      name: VELERO_NAMESPACE,
      labels: { 'kubernetes.io/metadata.name': VELERO_NAMESPACE },
      creationTimestamp: created,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });

  for (const { service, scenario } of scenarios) {
    const plan = PLANS[scenario.outcome];
    const name = `${service.system}-${plan.suffix}`;
    const template = {
      includedNamespaces: [service.system],
      storageLocation: 'default',
      ttl: '720h0m0s',
    };
    const slots = lastSlots(plan.cron, now, plan.phases.length);
    let lastBackup: number | undefined;
    plan.phases.forEach((phase, i) => {
      if (!phase) return;
      const started = slots[i];
      const ended = started + VELERO_BACKUP_MS;
      lastBackup = Math.max(lastBackup ?? 0, started);
      const running = ended > now;
      store.create(VELERO_KINDS.backup, {
        ...typeMeta('Backup'),
        metadata: {
          name: scheduledBackupName(name, started),
          namespace: VELERO_NAMESPACE,
          labels: { [LABEL_VELERO_SCHEDULE]: name },
          creationTimestamp: iso(started),
        },
        spec: structuredClone(template),
        status: running
          ? { phase: 'InProgress', startTimestamp: iso(started) }
          : {
              phase,
              startTimestamp: iso(started),
              completionTimestamp: iso(ended),
              expiration: iso(started + 720 * 3_600_000),
              ...(phase === 'Completed'
                ? {}
                : { errors: phase === 'Failed' ? 1 : 3 }),
              ...(phase === 'Failed'
                ? {
                    failureReason:
                      'error getting backup storage location: BackupStorageLocation.velero.io "default" is unavailable',
                  }
                : {}),
            },
      });
    });
    store.create(VELERO_KINDS.schedule, {
      ...typeMeta('Schedule'),
      metadata: {
        name,
        namespace: VELERO_NAMESPACE,
        creationTimestamp: created,
      },
      spec: { schedule: plan.cron, paused: plan.paused, template },
      status: {
        phase: 'Enabled',
        ...(lastBackup ? { lastBackup: iso(lastBackup) } : {}),
      },
    });
  }
}
