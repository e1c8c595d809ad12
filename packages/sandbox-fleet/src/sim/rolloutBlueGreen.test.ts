import { clustersOnFreePorts } from '../fleet/defaults';
import { Fleet } from '../fleet/Fleet';
import { createTestRollout } from '../fleet/testRollouts';
import { startTestFleet } from '../__testUtils__/testFleet';
import {
  healthy,
  REPO,
  rolloutClient,
  TEST_NAMESPACE,
} from '../__testUtils__/rolloutClient';

jest.setTimeout(20_000);

/** Blue-green Rollouts: preview and active Services, promotion, abort, scale-down delay. */
describe('Argo Rollouts blue-green in the sandbox', () => {
  let fleet: Fleet;
  let client: ReturnType<typeof rolloutClient>;

  beforeAll(async () => {
    const started = await startTestFleet({
      clusters: clustersOnFreePorts(['staging']),
    });
    fleet = started.fleet;
    client = rolloutClient(fleet, started.step);
  });
  afterAll(() => fleet.stop());

  it('blue-green: the new version comes up behind the preview Service, promotion switches the active one', async () => {
    const name = 'shop';
    await createTestRollout(fleet, 'staging', {
      name,
      strategy: { blueGreen: { autoPromotionEnabled: false } },
    });
    const first = await client.until(name, healthy);
    const selector = async (service: string) =>
      (
        await client.core.readNamespacedService({
          namespace: TEST_NAMESPACE,
          name: service,
        })
      ).spec?.selector?.['rollouts-pod-template-hash'];
    expect(await selector('shop-active')).toBe(first.status.currentPodHash);
    expect(first.status.blueGreen.activeSelector).toBe(
      first.status.currentPodHash,
    );

    await client.setImage(name, `${REPO}/shop:2.0.0`);
    const paused = await client.until(
      name,
      ro =>
        ro.status.phase === 'Paused' && ro.status.message === 'BlueGreenPause',
    );
    expect(await client.podsByVersion(name)).toEqual({
      '1.0.0': 4,
      '2.0.0': 4,
    });
    expect(await selector('shop-preview')).toBe(paused.status.currentPodHash);
    expect(await selector('shop-active')).toBe(first.status.currentPodHash);
    expect(paused.status.blueGreen).toEqual({
      activeSelector: first.status.currentPodHash,
      previewSelector: paused.status.currentPodHash,
    });

    await client.patchStatus(name, { pauseConditions: null });
    const switched = await client.until(name, healthy);
    expect(await selector('shop-active')).toBe(switched.status.currentPodHash);
    // The previous colour stays up for scaleDownDelaySeconds (30 by default), then goes.
    expect(await client.podsByVersion(name)).toEqual({
      '1.0.0': 4,
      '2.0.0': 4,
    });
    const old = (
      await client.apps.listNamespacedReplicaSet({
        namespace: TEST_NAMESPACE,
        labelSelector: `app.kubernetes.io/name=shop,rollouts-pod-template-hash=${first.status.currentPodHash}`,
      })
    ).items[0];
    const deadline = Date.parse(
      old.metadata!.annotations!['scale-down-deadline'],
    );
    const switchedAt = Date.parse(
      switched.status.conditions.find((c: any) => c.type === 'Healthy')
        .lastTransitionTime,
    );
    expect(deadline - switchedAt).toBeGreaterThanOrEqual(29_000);
    expect(deadline - switchedAt).toBeLessThanOrEqual(31_000);
    await client.until(name, ro => ro.status.replicas === 4);
    expect(await client.podsByVersion(name)).toEqual({ '2.0.0': 4 });
  });

  it('blue-green: abort keeps the active Service on stable and takes the preview down', async () => {
    const name = 'cart';
    await createTestRollout(fleet, 'staging', {
      name,
      strategy: { blueGreen: { autoPromotionEnabled: false } },
    });
    const first = await client.until(name, healthy);
    await client.setImage(name, `${REPO}/cart:2.0.0`);
    await client.until(name, ro => ro.status.message === 'BlueGreenPause');
    await client.patchStatus(name, { abort: true });
    const aborted = await client.until(
      name,
      ro => ro.status.phase === 'Degraded' && ro.status.replicas === 4,
    );
    expect(aborted.status.blueGreen).toEqual({
      activeSelector: first.status.currentPodHash,
      previewSelector: first.status.currentPodHash,
    });
    expect(await client.podsByVersion(name)).toEqual({ '1.0.0': 4 });
  });
});
