import { mockServices } from '@backstage/backend-test-utils';
import { ClusterConnection } from '@internal/backstage-plugin-delivery-node';
import { Fleet } from '@internal/sandbox-fleet';
import { ClusterCache } from '../cache/ClusterCache';
import {
  fleetConnections,
  startSeededFleet,
} from '../__testUtils__/seededFleet';
import { UsageSampler } from './UsageSampler';
import { UsageStore } from './UsageStore';

jest.setTimeout(60_000);

/**
 * Usage as right-sizing reads it: the sandbox serves metrics.k8s.io from the same load
 * model its HPAs scale on, with some services over-provisioned and some tight.
 */
describe('UsageSampler against the sandbox fleet', () => {
  let fleet: Fleet;
  let cache: ClusterCache;
  let connections: ClusterConnection[];
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    fleet = await startSeededFleet({
      autoTick: true,
      simulation: {
        tickMs: 100,
        speed: 20,
        load: {
          mode: 'steady',
          periodMs: 600_000,
          scaleDownStabilizationMs: 300_000,
        },
      },
    });
    connections = fleetConnections(fleet);
    cache = new ClusterCache(connections, logger, { minBackoffMs: 100 });
    await cache.start();
    // The sandbox serves metrics from its first HPA sync on (its controllers' first pass).
    const deadline = Date.now() + 30_000;
    while (!fleet.member('production')!.cluster.usage) {
      if (Date.now() > deadline)
        throw new Error('the sandbox never took a metrics reading');
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    cache.stop();
    await fleet.stop();
  });

  const production = () => connections.find(c => c.name === 'production')!;
  const requestOf = (service: string, deployment: string) =>
    cache
      .workloads('production', service)!
      .deployments.find(d => d.name === deployment)!;

  it('files each pod under its Deployment and summarises the window', async () => {
    const store = new UsageStore({ retentionMs: 86_400_000, maxPolls: 100 });
    const sampler = new UsageSampler({ connections, cache, store, logger });
    const start = Date.parse('2026-11-24T10:00:00Z');
    for (let poll = 0; poll < 3; poll++)
      await sampler.sample(production(), start + poll * 60_000);

    const deployment = requestOf('pms-app', 'pms-app');
    const tight = store.summary(
      UsageStore.key('production', deployment.namespace, 'pms-app'),
    )!;
    expect(tight.windowStart).toBe('2026-11-24T10:00:00.000Z');
    expect(tight.windowEnd).toBe('2026-11-24T10:02:00.000Z');
    expect(tight.sampleCount).toBe(3 * deployment.ready);
    expect(tight.replicas).toEqual({
      min: deployment.ready,
      max: deployment.ready,
    });
    // pms-app runs tight: its pods use most of what they request.
    expect(
      tight.cpuMillicores.p95 / deployment.cpuRequestMillicores,
    ).toBeGreaterThan(0.5);

    // messaging-api is over-provisioned: a fraction of its request.
    const messaging = cache
      .workloads('production', 'messaging-api')!
      .deployments.filter(d => d.ready > 0)[0];
    const loose = store.summary(
      UsageStore.key('production', messaging.namespace, messaging.name),
    )!;
    expect(
      loose.cpuMillicores.p95 / messaging.cpuRequestMillicores,
    ).toBeLessThan(0.3);
    expect(loose.totalCpuMillicores!.p50).toBeGreaterThan(
      loose.cpuMillicores.p50,
    );
  });

  it('says once that a cluster does not serve metrics, and files nothing', async () => {
    const store = new UsageStore({ retentionMs: 86_400_000, maxPolls: 100 });
    const sampler = new UsageSampler({ connections, cache, store, logger });
    fleet.faults.add({
      cluster: 'production',
      verb: 'list',
      path: 'metrics.k8s.io',
      times: -1,
      action: {
        type: 'status',
        code: 404,
        message: 'the server could not find the requested resource',
      },
    });
    await sampler.sampleAll();
    // The second poll's answer carries another Date header than the first: the same
    // failure must still read as the same.
    const firstSecond = Math.floor(Date.now() / 1000);
    while (Math.floor(Date.now() / 1000) === firstSecond)
      await new Promise(resolve => setTimeout(resolve, 20));
    await sampler.sampleAll();
    fleet.faults.clear();
    expect(sampler.lastPoll('production')).toBeUndefined();
    expect(store.size()).toBeGreaterThan(0); // the other clusters were read
    const warnings = logger.warn.mock.calls
      .map(call => String(call[0]))
      .filter(message =>
        message.includes('cannot read metrics.k8s.io pods in production'),
      );
    expect(warnings).toHaveLength(1);
  });
});
