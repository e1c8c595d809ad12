import { computeRollout } from '@internal/backstage-plugin-delivery-common';
import { Fleet } from '@internal/sandbox-fleet';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { StringPool } from './StringPool';
import {
  compactDeployment,
  compactHpa,
  compactPod,
  compactReplicaSet,
} from './compact';

// Starts the sandbox fleet (three TLS API servers seeded from the catalog): seconds on a
// busy machine.
jest.setTimeout(60_000);

/**
 * The compact rows of the seeded sandbox fleet, fed to the rollout derivation: each
 * seeded scenario must come out as the state a user would expect to see.
 */
describe('compact rows of the sandbox fleet', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startSeededFleet();
  });
  afterAll(() => fleet.stop());

  function rollout(cluster: string, service: string) {
    const { store } = fleet.member(cluster)!.cluster;
    const mine = (kind: string) =>
      store
        .list(kind)
        .filter(
          o => o.metadata.labels?.['backstage.io/kubernetes-id'] === service,
        );
    return computeRollout(
      {
        deployments: mine('apps/deployments').map(o => compactDeployment(o)),
        replicaSets: mine('apps/replicasets').map(o => compactReplicaSet(o)),
        pods: mine('/pods').map(o => compactPod(o)),
        hpas: mine('autoscaling/horizontalpodautoscalers').map(o =>
          compactHpa(o),
        ),
      },
      Date.now(),
    );
  }

  it('derives the state of every seeded scenario', () => {
    expect(rollout('production', 'propertyos-payment-service')).toMatchObject({
      strategy: 'blue-green',
      state: 'complete',
    });
    expect(rollout('production', 'propertyos-api-gateway')).toMatchObject({
      strategy: 'canary',
      state: 'progressing',
      currentVersion: '1.9.0',
    });
    const crashing = rollout('staging', 'incubation-api-server');
    expect(crashing.state).toBe('failing');
    expect(crashing.problems[0]).toMatchObject({
      reason: 'CrashLoopBackOff',
      restarts: 6,
    });
    expect(crashing.problems[0].pod).toMatch(/^incubation-api-server-/);
    expect(rollout('staging', 'propertyos-analytics-service')).toMatchObject({
      state: 'stalled',
      currentVersion: '3.1.0-missing',
    });
    expect(rollout('production-dr', 'propertyos-document-service').state).toBe(
      'not-deployed',
    );
    expect(rollout('production-dr', 'pms-app').state).toBe('scaled-down');
    expect(rollout('production-dr', 'propertyos-payment-service').state).toBe(
      'complete',
    );
  });

  it('reads the spread topology keys of spread constraints and pod anti-affinity, and shares equal ones', () => {
    const pool = new StringPool();
    const deployment = (affinity: unknown) => ({
      metadata: { name: 'orders', namespace: 'shop' },
      spec: {
        template: {
          metadata: { labels: { app: 'orders' } },
          spec: {
            affinity,
            containers: [{ name: 'orders', readinessProbe: {} }],
          },
        },
      },
    });
    const hostAndZone = compactDeployment(
      deployment({
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'kubernetes.io/hostname' },
          ],
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone' },
            },
          ],
        },
      }),
      pool,
    );
    expect(hostAndZone).toMatchObject({
      spreadKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'],
      probes: [{ name: 'orders', livenessProbe: false, readinessProbe: true }],
      podLabels: { app: 'orders' },
    });
    const again = compactDeployment(deployment(undefined), pool);
    expect(again.spreadKeys).toEqual([]);
    // Rows rendered from one template hold one instance of each list.
    expect(again.probes).toBe(hostAndZone.probes);
    expect(again.podLabels).toBe(hostAndZone.podLabels);
  });

  it("sums a pod's requests over its containers, in any quantity form", () => {
    const row = compactDeployment({
      metadata: { name: 'orders', namespace: 'shop' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                resources: { requests: { cpu: '250m', memory: '512Mi' } },
              },
              {
                name: 'proxy',
                resources: { requests: { cpu: '0.1', memory: '64M' } },
              },
              { name: 'no-requests' },
            ],
          },
        },
      },
    });
    expect(row.cpuRequestMillicores).toBe(350);
    expect(row.memoryRequestBytes).toBe(536870912 + 64_000_000);
  });

  it('keeps each row small', () => {
    const { store } = fleet.member('production')!.cluster;
    const rows = [
      ...store.list('apps/deployments').map(o => compactDeployment(o)),
      ...store.list('apps/replicasets').map(o => compactReplicaSet(o)),
      ...store.list('/pods').map(o => compactPod(o)),
    ];
    const bytes = rows.reduce((n, row) => n + JSON.stringify(row).length, 0);
    // JSON size as a proxy for what the cache holds per object; the target is 500 bytes.
    expect(bytes / rows.length).toBeLessThan(500);
  });
});
