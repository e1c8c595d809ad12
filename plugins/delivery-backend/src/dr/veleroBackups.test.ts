import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_TIER,
  ClusterSnapshot,
  DrCheck,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import type { CachedWorkloads } from '../cache/ClusterCache';
import { StringPool } from '../cache/StringPool';
import { VeleroBackups, VeleroReading } from '../cache/VeleroBackups';
import { DrCacheView, gatherDrEvidence } from './gatherDrEvidence';
import { computeDrReadiness } from './readiness/computeDrReadiness';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A standard-tier service with a database (RPO 1 h) running in namespace `orders`. */
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    annotations: {
      [ANNOTATION_KUBERNETES_ID]: 'orders',
      [ANNOTATION_TIER]: 'standard',
    },
  },
  spec: {
    type: 'service',
    owner: 'team-a',
    lifecycle: 'production',
    dependsOn: ['resource:orders-db'],
  },
};

const production: ClusterSnapshot = {
  name: 'prod-east',
  environment: 'production',
  region: 'us-east-1',
  role: 'primary',
  sandbox: false,
  state: 'ok',
  syncedAt: iso(NOW - MINUTE),
};

const workloads = (): CachedWorkloads =>
  ({
    deployments: [
      {
        namespace: 'orders',
        name: 'orders',
        desired: 2,
        ready: 2,
        probes: [],
        spreadKeys: [],
        podLabels: {},
      },
    ],
    replicaSets: [],
    pods: [],
    hpas: [],
    pdbs: [],
    cronJobs: [],
  } as unknown as CachedWorkloads);

/** A Velero Backup as Velero writes it, in the `velero` namespace. */
function backup(
  name: string,
  phase: string,
  endedMinutesAgo: number,
  spec: { includedNamespaces?: string[]; excludedNamespaces?: string[] } = {
    includedNamespaces: ['orders'],
  },
) {
  const ended = NOW - endedMinutesAgo * MINUTE;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name,
      namespace: 'velero',
      labels: { 'velero.io/schedule-name': 'orders-hourly' },
    },
    spec: { storageLocation: 'default', ...spec },
    status: {
      phase,
      startTimestamp: iso(ended - MINUTE),
      completionTimestamp: iso(ended),
    },
  };
}

/** The backup check of `orders` when the cluster holds these Velero Backups (or reading). */
function backupCheck(
  velero: object[] | VeleroReading,
  schedules: object[] = [],
): DrCheck {
  let reading: VeleroReading;
  if (Array.isArray(velero)) {
    const backups = new VeleroBackups(new StringPool(), () => {});
    backups.backupHandlers.reset(velero);
    backups.backupHandlers.synced();
    backups.scheduleHandlers.reset(schedules);
    backups.scheduleHandlers.synced();
    reading = backups.reading();
  } else {
    reading = velero;
  }
  const cache: DrCacheView = {
    snapshots: () => [production],
    workloadsOf: () => workloads(),
    nodeZones: () => undefined,
    veleroBackups: () => reading,
  };
  const descriptor = readDeliveryDescriptor(entity);
  const evidence = gatherDrEvidence({
    entity,
    descriptor,
    productionEnvironments: ['production'],
    cache,
    // The provider was read and keeps no snapshot: Velero is the only backup.
    provider: { at: NOW, snapshotKnown: true },
  });
  const readiness = computeDrReadiness(descriptor, evidence, NOW);
  return readiness.checks.find(c => c.id === 'backup')!;
}

describe('the DR backup check with Velero', () => {
  it('passes on a Completed Backup within the RPO, naming it in Velero’s namespace', () => {
    const check = backupCheck([
      backup('orders-hourly-1', 'Completed', 95),
      backup('orders-hourly-2', 'Completed', 35),
      backup('orders-hourly-3', 'InProgress', 0),
    ]);
    expect(check.status).toBe('pass');
    expect(check.evidence).toMatchObject({
      source: 'velero',
      cluster: 'prod-east',
      namespace: 'velero',
      object: 'Backup/orders-hourly-2',
      at: iso(NOW - 35 * MINUTE),
    });
    expect(check.evidence.observed).toBe(
      `last successful backup at ${iso(
        NOW - 35 * MINUTE,
      )} (35m ago, Backup/orders-hourly-2 in prod-east/velero), within the RPO of 1h`,
    );
  });

  it('fails when the last Completed Backup is older than the RPO, naming a paused Schedule', () => {
    const check = backupCheck(
      [backup('orders-daily-1', 'Completed', 26 * 60)],
      [
        {
          metadata: { name: 'orders-daily', namespace: 'velero' },
          spec: {
            schedule: '0 3 * * *',
            paused: true,
            template: { includedNamespaces: ['orders'] },
          },
        },
      ],
    );
    expect(check.status).toBe('fail');
    expect(check.evidence.object).toBe('Backup/orders-daily-1');
    expect(check.evidence.observed).toMatch(
      /\(26h ago, Backup\/orders-daily-1 in prod-east\/velero\) is older than the RPO of 1h$/,
    );
    expect(check.fix).toContain(
      'Velero Schedule orders-daily is paused (velero schedule unpause).',
    );
  });

  it.each(['PartiallyFailed', 'Failed'])(
    'names a newer %s Backup even while the last Completed one is within the RPO',
    phase => {
      const check = backupCheck([
        backup('orders-hourly-1', 'Completed', 50),
        backup('orders-hourly-2', phase, 5),
      ]);
      expect(check.status).toBe('pass');
      expect(check.evidence.object).toBe('Backup/orders-hourly-1');
      expect(check.evidence.observed).toContain('within the RPO of 1h');
      expect(check.evidence.observed).toMatch(
        new RegExp(
          `; Velero Backup orders-hourly-2 ${phase} at ${iso(
            NOW - 5 * MINUTE,
          )} \\(5m ago\\) in prod-east$`,
        ),
      );
      expect(check.fix).toContain('Velero Backup orders-hourly-2');
    },
  );

  it('says nothing of a failure older than the last Completed Backup', () => {
    const check = backupCheck([
      backup('orders-hourly-1', 'PartiallyFailed', 50),
      backup('orders-hourly-2', 'Completed', 5),
    ]);
    expect(check.status).toBe('pass');
    expect(check.evidence.observed).not.toContain('PartiallyFailed');
  });

  it('fails when every covering Backup failed, naming the newest failure', () => {
    const check = backupCheck([
      backup('orders-hourly-1', 'Failed', 70),
      backup('orders-hourly-2', 'PartiallyFailed', 10),
    ]);
    expect(check.status).toBe('fail');
    expect(check.evidence.observed).toMatch(
      /^no backup has ever succeeded: Backup\/orders-hourly-2 in prod-east\/velero; Velero Backup orders-hourly-2 PartiallyFailed at /,
    );
  });

  it('counts a Backup of every namespace (`*` or none listed) and skips other namespaces', () => {
    expect(
      backupCheck([
        backup('all-1', 'Completed', 10, { includedNamespaces: ['*'] }),
      ]).status,
    ).toBe('pass');
    expect(backupCheck([backup('all-2', 'Completed', 10, {})]).status).toBe(
      'pass',
    );
    const elsewhere = backupCheck([
      backup('billing-1', 'Completed', 10, { includedNamespaces: ['billing'] }),
    ]);
    expect(elsewhere.status).toBe('fail');
    expect(elsewhere.evidence.observed).toBe(
      'no backup found: no backup CronJob, provider snapshot or Velero backup',
    );
  });

  it('does not count a Backup that excludes the namespace', () => {
    const check = backupCheck([
      backup('all-but-orders-1', 'Completed', 10, {
        includedNamespaces: ['*'],
        excludedNamespaces: ['orders', 'kube-system'],
      }),
      backup('orders-1', 'Completed', 26 * 60),
    ]);
    expect(check.status).toBe('fail');
    expect(check.evidence.object).toBe('Backup/orders-1');
  });

  it('is unknown, never "no backup", when Velero could not be read; a cluster without Velero has none', () => {
    const unknown = backupCheck({ state: 'unknown', error: 'HTTP 403' });
    expect(unknown.status).toBe('unknown');
    const notServed = backupCheck({ state: 'not-served' });
    expect(notServed.status).toBe('fail');
    expect(notServed.evidence.observed).toBe(
      'no backup found: no backup CronJob, provider snapshot or Velero backup',
    );
  });
});
