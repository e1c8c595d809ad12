import { mockServices } from '@backstage/backend-test-utils';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { computeRollout } from '@internal/backstage-plugin-delivery-common';
import { Fleet } from '@internal/sandbox-fleet';
import {
  fleetConnections,
  startSeededFleet,
} from '../__testUtils__/seededFleet';
import { ClusterConnection } from '@internal/backstage-plugin-delivery-node';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';
import { CacheChange, ClusterCache } from './ClusterCache';

jest.setTimeout(60_000);

/** Reads the cache until it shows what `ok` expects: its watches are asynchronous. */
const waitFor = <T>(read: () => T, ok: (value: T) => boolean) =>
  eventually(async () => read(), ok, {
    what: 'the cache to show the change',
    limitMs: 30_000,
  });

describe('ClusterCache against the sandbox fleet', () => {
  let fleet: Fleet;
  let cache: ClusterCache;

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${fleet.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    fleet = await startSeededFleet({
      autoTick: true,
      // Steady load: no autoscaling moves replicas while the test compares states.
      simulation: {
        tickMs: 100,
        speed: 5,
        load: {
          mode: 'steady',
          periodMs: 600_000,
          scaleDownStabilizationMs: 300_000,
        },
      },
      watch: { bookmarkIntervalMs: 1000, defaultTimeoutSeconds: 5 },
    });
    const connections: ClusterConnection[] = fleetConnections(fleet);
    cache = new ClusterCache(connections, mockServices.logger.mock(), {
      minBackoffMs: 100,
    });
    await cache.start();
  });
  afterAll(async () => {
    cache.stop();
    await fleet.stop();
  });

  const rollout = (cluster: string, service: string) =>
    computeRollout(cache.workloads(cluster, service)!, Date.now());

  it('lists every cluster and indexes workloads by service id', async () => {
    // Under load a first list can land after start() returned for another cluster.
    const states = await waitFor(
      () => cache.snapshots().map(s => [s.name, s.state]),
      list => list.every(([, state]) => state === 'ok'),
    );
    expect(states).toEqual([
      ['staging', 'ok'],
      ['production', 'ok'],
      ['production-dr', 'ok'],
    ]);
    expect(cache.services().size).toBe(18);
    expect(rollout('production', 'propertyos-payment-service')).toMatchObject({
      state: 'complete',
      strategy: 'blue-green',
    });
    expect(rollout('staging', 'incubation-api-server').state).toBe('failing');
  });

  it("tells when each cluster's first lists are all in, so readers derive it once", async () => {
    const fresh = new ClusterCache(
      fleetConnections(fleet),
      mockServices.logger.mock(),
      { minBackoffMs: 100 },
    );
    // Which clusters were listed when each cluster's change was told.
    const listedWhenTold: string[] = [];
    const stopListening = fresh.onChange(({ cluster, services }) => {
      if (services?.length === 0 && fresh.clusterListed(cluster))
        listedWhenTold.push(cluster);
    });
    try {
      expect(fresh.firstListsDone).toBe(false);
      expect(fresh.clusterListed('production')).toBe(false);
      await fresh.start();
      expect(fresh.firstListsDone).toBe(true);
      expect(
        ['staging', 'production', 'production-dr'].map(c =>
          fresh.clusterListed(c),
        ),
      ).toEqual([true, true, true]);
      expect(fresh.clusterListed('no-such-cluster')).toBe(false);
      // Each cluster said so as a change of its own, once its lists were in.
      expect([...new Set(listedWhenTold)].sort()).toEqual([
        'production',
        'production-dr',
        'staging',
      ]);
      // A service a cluster does not run has nothing there, and says so the same way.
      expect(
        fresh.workloads('production', 'no-such-service')?.deployments,
      ).toEqual([]);
    } finally {
      stopListening();
      fresh.stop();
    }
  });

  it('holds what the DR checks read: PodDisruptionBudgets, backup CronJobs, probes, spread rules and node zones', async () => {
    const pms = cache.workloads('production', 'pms-app')!;
    expect(pms.pdbs).toEqual([
      expect.objectContaining({
        name: 'pms-app',
        namespace: 'pms',
        selector: { matchLabels: { 'app.kubernetes.io/name': 'pms-app' } },
        maxUnavailable: 1,
        currentHealthy: 2,
        desiredHealthy: 1,
      }),
    ]);
    // The stale-backup scenario: suspended, last success days ago.
    expect(pms.cronJobs).toEqual([
      expect.objectContaining({
        name: 'pms-app-db-backup',
        component: 'backup',
        suspend: true,
        schedule: '0 * * * *',
      }),
    ]);
    expect(
      Date.now() - Date.parse(pms.cronJobs[0].lastSuccessfulTime!),
    ).toBeGreaterThan(70 * 3_600_000);
    expect(pms.deployments[0]).toMatchObject({
      probes: [{ name: 'pms-app', livenessProbe: true, readinessProbe: true }],
      spreadKeys: ['topology.kubernetes.io/zone'],
    });
    // A worker has a liveness probe only.
    expect(
      cache.workloads('production', 'propertyos-workers')!.deployments[0]
        .probes,
    ).toEqual([
      {
        name: 'propertyos-workers',
        livenessProbe: true,
        readinessProbe: false,
      },
    ]);

    const zones = await waitFor(
      () => cache.nodeZones('production'),
      map => map !== undefined,
    );
    expect([...zones!.values()].sort()).toEqual([
      'us-east-1a',
      'us-east-1a',
      'us-east-1b',
      'us-east-1b',
      'us-east-1c',
      'us-east-1c',
    ]);
    expect(zones!.get('production-node-1')).toBe('us-east-1a');

    // A node relabelled into another zone shows there, and counts as a change.
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-production');
    const before = cache.version;
    await kc.makeApiClient(CoreV1Api).patchNode(
      {
        name: 'production-node-1',
        body: {
          metadata: { labels: { 'topology.kubernetes.io/zone': 'us-east-1d' } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(
      () => cache.nodeZones('production')!.get('production-node-1'),
      zone => zone === 'us-east-1d',
    );
    expect(cache.version).toBeGreaterThan(before);
  });

  it('follows a rollout through the watch until it completes', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    const apps = kc.makeApiClient(AppsV1Api);
    const before = cache.version;
    // Listeners learn where: the cluster and the service whose objects moved.
    const told: CacheChange[] = [];
    const stopListening = cache.onChange(change => told.push(change));
    await apps.patchNamespacedDeployment(
      {
        name: 'propertyos-tenant-service',
        namespace: 'propertyos',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'propertyos-tenant-service',
                    image:
                      'ghcr.io/delivery-example/propertyos-tenant-service:8.0.0',
                  },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const seen = await waitFor(
      () => rollout('staging', 'propertyos-tenant-service'),
      s => s.currentVersion === '8.0.0',
    );
    expect(['progressing', 'complete']).toContain(seen.state);
    expect(cache.version).toBeGreaterThan(before);
    stopListening();
    expect(told).toContainEqual({
      cluster: 'staging',
      services: ['propertyos-tenant-service'],
    });
    // No other service's objects moved.
    expect(
      told
        .flatMap(c => c.services ?? ['(every service)'])
        .filter(id => id !== 'propertyos-tenant-service'),
    ).toEqual([]);
    const done = await waitFor(
      () => rollout('staging', 'propertyos-tenant-service'),
      s => s.state === 'complete',
    );
    expect(done.previousVersion).not.toBe('8.0.0');
  });

  it('keeps the last known state of a cluster that goes down, and recovers (relisting after 410)', async () => {
    const lastKnown = rollout('production', 'propertyos-owner-service');
    await admin('POST', '/clusters/production/down');
    const stale = await waitFor(
      () => cache.snapshots().find(s => s.name === 'production')!,
      s => s.state === 'stale',
    );
    expect(stale.error).toBeTruthy();
    expect(rollout('production', 'propertyos-owner-service')).toEqual(
      lastKnown,
    );
    // Another cluster is unaffected.
    expect(cache.snapshots().find(s => s.name === 'staging')!.state).toBe('ok');

    // History is gone when it comes back: resuming the watch gets 410 and must relist.
    await admin('POST', '/clusters/production/compact');
    await admin('POST', '/clusters/production/up');
    await waitFor(
      () => cache.snapshots().find(s => s.name === 'production')!.state,
      s => s === 'ok',
    );
    expect(rollout('production', 'propertyos-owner-service').state).toBe(
      'complete',
    );
  });

  it('moves a relabelled workload to its new service id, and forgets a deleted one', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    const apps = kc.makeApiClient(AppsV1Api);
    const deployment = fleet
      .member('staging')!
      .cluster.store.list('apps/deployments')
      .find(d => d.metadata.name === 'capsight-frontend')!;
    const namespace = deployment.metadata.namespace!;
    expect(
      cache.workloads('staging', 'capsight-frontend')!.deployments,
    ).toHaveLength(1);

    await apps.patchNamespacedDeployment(
      {
        name: 'capsight-frontend',
        namespace,
        body: {
          metadata: {
            labels: { 'backstage.io/kubernetes-id': 'capsight-web' },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(
      () => cache.workloads('staging', 'capsight-web')!.deployments.length,
      n => n === 1,
    );
    expect(
      cache.workloads('staging', 'capsight-frontend')!.deployments,
    ).toEqual([]);

    await apps.deleteNamespacedDeployment({
      name: 'capsight-frontend',
      namespace,
    });
    await waitFor(
      () => cache.workloads('staging', 'capsight-web')!.deployments.length,
      n => n === 0,
    );
    expect(cache.services().has('capsight-web')).toBe(
      // Its ReplicaSets and pods keep the old label; only the Deployment moved.
      false,
    );
  });

  it('follows an entity label selector, for workloads without a kubernetes-id label', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-production');
    const apps = kc.makeApiClient(AppsV1Api);
    const selector = { labelSelector: 'app=legacy-billing,team in (billing)' };
    const labels = { app: 'legacy-billing', team: 'billing' };
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'legacy-billing', labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'billing',
                  image: 'registry.example/legacy-billing:4.2.0',
                },
              ],
            },
          },
        },
      },
    });
    // The first read starts following the selector; the rollout shows once it is listed.
    const done = await waitFor(
      () =>
        computeRollout(cache.workloadsOf('production', selector), Date.now()),
      s => s.state === 'complete',
    );
    expect(done).toMatchObject({
      currentVersion: '4.2.0',
      ready: 2,
      desired: 2,
    });
    expect(cache.workloadsOf('staging', selector).deployments).toEqual([]);
    // Objects labelled with a kubernetes-id are not listed under a selector that misses them.
    expect(
      cache.workloadsOf('production', { labelSelector: 'app=nothing-here' })
        .deployments,
    ).toEqual([]);
    expect(
      cache.workloadsOf('production', { kubernetesId: 'legacy-billing' })
        .deployments,
    ).toEqual([]);
  });
});
