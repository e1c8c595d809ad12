import { mockServices } from '@backstage/backend-test-utils';
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  computeRollout,
  LABEL_KUBERNETES_ID,
  RolloutStatus,
} from '@internal/backstage-plugin-delivery-common';
import {
  ARGO_ROLLOUT_SERVICE,
  createTestRollout,
  Fleet,
} from '@internal/sandbox-fleet';
import {
  fleetConnections,
  startSeededFleet,
} from '../__testUtils__/seededFleet';
import { ClusterCache } from './ClusterCache';

// Starts the seeded sandbox fleet: seconds on a busy machine.
jest.setTimeout(120_000);

const ARGO = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** The fleet's time, moved by the test: a 10 s pause passes in a few polls. */
class SteppedClock {
  private time = Date.now();
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/**
 * The cache against the seeded fleet, whose staging cluster runs capsight-backend with an
 * Argo Rollout paused at a canary step: what the card shows, followed through the watch
 * as the Rollout is promoted, and an analysis that fails and aborts another Rollout.
 */
describe('ClusterCache with Argo Rollouts in the sandbox fleet', () => {
  let fleet: Fleet;
  let cache: ClusterCache;
  let custom: CustomObjectsApi;
  const logger = mockServices.logger.mock();
  const clock = new SteppedClock();

  /**
   * Polls `read` until `ok`; between polls the fleet's controllers run half a second of
   * its time, and the cache sees their changes through its watches as usual.
   */
  async function waitFor<T>(
    read: () => T,
    ok: (value: T) => boolean,
    // Generous: the fleet's time moves only when this polls, which a busy machine slows.
    timeoutMs = 90_000,
  ): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = read();
      if (ok(value)) return value;
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
      clock.advance(500);
      fleet.tick();
      await new Promise(r => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    fleet = await startSeededFleet({
      clock,
      // Steady load: no autoscaling moves replicas while the test compares states.
      simulation: {
        load: {
          mode: 'steady',
          periodMs: 600_000,
          scaleDownStabilizationMs: 300_000,
        },
      },
      watch: { bookmarkIntervalMs: 1000, defaultTimeoutSeconds: 5 },
    });
    cache = new ClusterCache(fleetConnections(fleet), logger, {
      minBackoffMs: 100,
    });
    await cache.start();
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    custom = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(async () => {
    cache.stop();
    await fleet.stop();
  });

  const rollout = (cluster: string, service: string): RolloutStatus =>
    computeRollout(cache.workloads(cluster, service)!, Date.now());

  it('shows the seeded Rollout paused at its canary step, and follows it to Healthy once promoted', async () => {
    const paused = await waitFor(
      () => rollout('staging', ARGO_ROLLOUT_SERVICE),
      s => s.argo !== undefined,
    );
    expect(paused).toMatchObject({
      state: 'paused',
      strategy: 'canary',
      currentVersion: '1.8.0',
      canaryWeightPercent: 25,
      argo: {
        controller: 'argo-rollouts',
        phase: 'Paused',
        step: '1/5',
        setWeightPercent: 25,
        actualWeightPercent: 25,
        pauseReasons: ['CanaryPauseStep'],
        canaryVersion: '1.8.0',
        aborted: false,
      },
    });
    const stable = paused.argo!.stableVersion;
    expect(stable).toBeDefined();
    expect(stable).not.toBe('1.8.0');
    expect(paused.previousVersion).toBe(stable);
    expect(paused.revisions[0]).toMatchObject({ version: '1.8.0' });
    // Production keeps Delivery's own canary Deployments.
    expect(rollout('production', ARGO_ROLLOUT_SERVICE).argo).toBeUndefined();
    // The cluster with Argo is as much in sync as any other.
    expect(cache.snapshots().every(s => s.state === 'ok')).toBe(true);

    // Promote as `kubectl argo rollouts promote` does for a step pause.
    const namespace = cache.workloads('staging', ARGO_ROLLOUT_SERVICE)!
      .deployments[0].namespace;
    await custom.patchNamespacedCustomObjectStatus(
      {
        ...ARGO,
        namespace,
        name: ARGO_ROLLOUT_SERVICE,
        body: { status: { pauseConditions: null } },
      },
      merge,
    );
    const healthy = await waitFor(
      () => rollout('staging', ARGO_ROLLOUT_SERVICE),
      s => s.state === 'complete',
    );
    expect(healthy).toMatchObject({
      currentVersion: '1.8.0',
      argo: {
        phase: 'Healthy',
        step: '5/5',
        setWeightPercent: 100,
        stableVersion: '1.8.0',
        canaryVersion: undefined,
        pauseReasons: [],
        analysis: { phase: 'Successful' },
      },
    });
  });

  it('shows an aborted Rollout with the analysis that failed, while stable keeps serving', async () => {
    const name = 'argo-cache-check';
    await createTestRollout(fleet, 'staging', {
      name,
      image: `ghcr.io/delivery-example/${name}:1.0.0`,
      labels: { [LABEL_KUBERNETES_ID]: name },
      analysisTemplate: 'success-rate',
      strategy: {
        canary: {
          steps: [
            { setWeight: 25 },
            { analysis: { templates: [{ templateName: 'success-rate' }] } },
            { setWeight: 50 },
          ],
        },
      },
    });
    await waitFor(
      () => rollout('staging', name),
      s => s.state === 'complete',
    );
    // The sandbox's analysis fails for an image tagged -bad.
    await custom.patchNamespacedCustomObject(
      {
        ...ARGO,
        namespace: 'rollouts-test',
        name,
        body: [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/image',
            value: `ghcr.io/delivery-example/${name}:2.0.0-bad`,
          },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    const aborted = await waitFor(
      () => rollout('staging', name),
      s => s.state === 'aborted',
    );
    expect(aborted).toMatchObject({
      currentVersion: '2.0.0-bad',
      argo: {
        aborted: true,
        stableVersion: '1.0.0',
        analysis: {
          phase: 'Failed',
          failedMetric: { name: 'success-rate' },
        },
      },
    });
    expect(aborted.summary).toContain('1.0.0 keeps serving');
    expect(
      logger.warn.mock.calls.filter(([message]) =>
        /rollouts|analysisruns/.test(String(message)),
      ),
    ).toEqual([]);
  });
});
