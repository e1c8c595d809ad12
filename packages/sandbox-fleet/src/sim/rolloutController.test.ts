import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { Fleet } from '../fleet/Fleet';
import { ARGO_ROLLOUT_SERVICE } from '../seed/scenarios';
import { startTestFleet } from '../__testUtils__/testFleet';
import { createTestRollout } from '../fleet/testRollouts';

jest.setTimeout(20_000);

const NS = 'rollouts-test';
const ARGO = { group: 'argoproj.io', version: 'v1alpha1' };
const REPO = 'ghcr.io/delivery-example';

/**
 * The simulated Argo Rollouts controller, driven as product code and the kubectl plugin
 * drive a real one: objects and patches through the API with client-node, the status
 * patches `kubectl argo rollouts` sends, time moved on the fleet's manual clock.
 */
describe('Argo Rollouts in the sandbox', () => {
  let fleet: Fleet;
  let step: (ms: number, every?: number) => void;
  let custom: CustomObjectsApi;
  let apps: AppsV1Api;
  let core: CoreV1Api;

  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet());
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    custom = kc.makeApiClient(CustomObjectsApi);
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => fleet.stop());

  const read = (name: string, namespace = NS) =>
    custom.getNamespacedCustomObject({
      ...ARGO,
      namespace,
      plural: 'rollouts',
      name,
    });
  const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  /** What `kubectl argo rollouts` sends: status patches go to the status subresource. */
  const patchStatus = (name: string, status: unknown, namespace = NS) =>
    custom.patchNamespacedCustomObjectStatus(
      { ...ARGO, namespace, plural: 'rollouts', name, body: { status } },
      merge,
    );
  const patchSpec = (name: string, spec: unknown, namespace = NS) =>
    custom.patchNamespacedCustomObject(
      { ...ARGO, namespace, plural: 'rollouts', name, body: { spec } },
      merge,
    );
  const setImage = (name: string, image: string, namespace = NS) =>
    custom.patchNamespacedCustomObject(
      {
        ...ARGO,
        namespace,
        plural: 'rollouts',
        name,
        body: [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/image',
            value: image,
          },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );

  /** Moves the fleet clock until the Rollout satisfies `test`; fails after a simulated 2 min. */
  async function until(
    name: string,
    test: (rollout: any) => boolean,
    namespace = NS,
  ): Promise<any> {
    for (let i = 0; i < 240; i++) {
      const rollout = await read(name, namespace);
      if (test(rollout)) return rollout;
      step(500);
    }
    const last = await read(name, namespace);
    throw new Error(
      `${name} never got there: ${JSON.stringify(last.status, null, 1)}`,
    );
  }

  /** Available pods by image tag among the Rollout's ReplicaSets: the weights as pods. */
  async function podsByVersion(name: string, namespace = NS) {
    const { items } = await apps.listNamespacedReplicaSet({ namespace });
    const out: Record<string, number> = {};
    for (const rs of items) {
      if (rs.metadata?.ownerReferences?.[0]?.name !== name) continue;
      if (rs.metadata.ownerReferences[0].kind !== 'Rollout') continue;
      const pods = Math.min(
        rs.spec?.replicas ?? 0,
        rs.status?.availableReplicas ?? 0,
      );
      if (pods === 0) continue;
      const image = rs.spec!.template!.spec!.containers[0].image!;
      out[image.slice(image.lastIndexOf(':') + 1)] = pods;
    }
    return out;
  }

  const pausedAtStep = (index: number) => (ro: any) =>
    ro.status?.phase === 'Paused' && ro.status.currentStepIndex === index;
  const healthy = (ro: any) =>
    ro.status?.phase === 'Healthy' &&
    ro.status.stableRS === ro.status.currentPodHash;

  it('seeds capsight-backend in staging paused at its first canary pause, then promotes it to Healthy', async () => {
    const name = ARGO_ROLLOUT_SERVICE;
    const seeded = await read(name, 'capsight');
    expect(seeded.metadata.labels['backstage.io/kubernetes-id']).toBe(name);
    expect(seeded.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
      replicas: 4,
      updatedReplicas: 1,
      availableReplicas: 4,
      observedGeneration: '1',
    });
    expect(seeded.status.stableRS).not.toBe(seeded.status.currentPodHash);
    expect(await podsByVersion(name, 'capsight')).toEqual({
      '1.7.1': 3,
      '1.8.0': 1,
    });
    // Production keeps Delivery's own canary Deployments.
    const production = fleet.member('production')!.cluster.store;
    expect(
      production.get('apps/deployments', 'capsight', `${name}-canary`),
    ).toBeDefined();
    expect(
      production.get('argoproj.io/rollouts', 'capsight', name),
    ).toBeUndefined();

    // `kubectl argo rollouts promote`: the pause step is done, setWeight 50 follows.
    await patchStatus(name, { pauseConditions: null }, 'capsight');
    const timed = await until(name, pausedAtStep(3), 'capsight');
    expect(timed.status.pauseConditions[0].reason).toBe('CanaryPauseStep');
    expect(await podsByVersion(name, 'capsight')).toEqual({
      '1.7.1': 2,
      '1.8.0': 2,
    });
    // The timed pause ends by itself, then the analysis step runs and succeeds.
    const analysing = await until(
      name,
      ro => ro.status.currentStepIndex === 4,
      'capsight',
    );
    expect(analysing.status.phase).toBe('Progressing');
    const done = await until(name, healthy, 'capsight');
    expect(done.status.currentStepIndex).toBe(5);
    expect(await podsByVersion(name, 'capsight')).toEqual({ '1.8.0': 4 });
    const runs = await custom.listNamespacedCustomObject({
      ...ARGO,
      namespace: 'capsight',
      plural: 'analysisruns',
      labelSelector: `rollouts-pod-template-hash=${done.status.currentPodHash}`,
    });
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0].status.phase).toBe('Successful');
    expect(runs.items[0].metadata.labels['rollout-type']).toBe('Step');
  });

  it('follows a canary through its steps; abort keeps stable serving; retry restarts; full promotion; undo', async () => {
    const name = 'web';
    await createTestRollout(fleet, 'staging', {
      name,
      image: `${REPO}/web:1.0.0`,
    });
    const first = await until(name, healthy);
    expect(first.status.currentStepIndex).toBe(4); // an initial deploy skips the steps
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 4 });

    await setImage(name, `${REPO}/web:2.0.0`);
    const paused = await until(name, pausedAtStep(1));
    expect(paused.status.pauseConditions).toEqual([
      { reason: 'CanaryPauseStep', startTime: expect.any(String) },
    ]);
    expect(paused.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Paused', status: 'True' }),
    );
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 3, '2.0.0': 1 });

    await patchStatus(name, { pauseConditions: null });
    await until(name, pausedAtStep(3));
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 2, '2.0.0': 2 });

    // `kubectl argo rollouts abort`: every pod back on stable, Degraded.
    await patchStatus(name, { abort: true });
    const aborted = await until(
      name,
      ro => ro.status.phase === 'Degraded' && ro.status.availableReplicas === 4,
    );
    expect(aborted.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2',
    );
    expect(aborted.status.abortedAt).toEqual(expect.any(String));
    expect(aborted.status.pauseConditions).toBeUndefined();
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 4 });

    // `kubectl argo rollouts retry`: the steps start again from the first.
    await patchStatus(name, { abort: false });
    const retried = await until(name, pausedAtStep(1));
    expect(retried.status.abortedAt).toBeUndefined();
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 3, '2.0.0': 1 });

    // `kubectl argo rollouts promote --full`: past every remaining step.
    await patchStatus(name, { promoteFull: true });
    const promoted = await until(name, healthy);
    expect(promoted.status.promoteFull).toBeUndefined();
    expect(await podsByVersion(name)).toEqual({ '2.0.0': 4 });

    // `kubectl argo rollouts undo`: the previous revision's template, a new update of it.
    const { items } = await apps.listNamespacedReplicaSet({
      namespace: NS,
      labelSelector: 'app.kubernetes.io/name=web',
    });
    const previous = items.find(
      rs => rs.metadata?.annotations?.['rollout.argoproj.io/revision'] === '1',
    )!;
    const template = JSON.parse(JSON.stringify(previous.spec!.template));
    delete template.metadata.labels['rollouts-pod-template-hash'];
    await custom.patchNamespacedCustomObject(
      {
        ...ARGO,
        namespace: NS,
        plural: 'rollouts',
        name,
        body: [{ op: 'replace', path: '/spec/template', value: template }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    const undone = await until(name, pausedAtStep(1));
    expect(undone.metadata.annotations['rollout.argoproj.io/revision']).toBe(
      '3',
    );
    expect(await podsByVersion(name)).toEqual({ '2.0.0': 3, '1.0.0': 1 });
    const reused = await apps.readNamespacedReplicaSet({
      namespace: NS,
      name: previous.metadata!.name!,
    });
    expect(reused.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe(
      '3',
    );
  });

  it('pauses only while spec.paused says so', async () => {
    const name = 'held';
    await createTestRollout(fleet, 'staging', { name });
    await until(name, healthy);
    await patchSpec(name, { paused: true });
    await setImage(name, `${REPO}/held:2.0.0`);
    const held = await until(name, ro => ro.status.phase === 'Paused');
    expect(held.status.message).toBe('manually paused');
    await patchSpec(name, { paused: false });
    await until(name, pausedAtStep(1));
  });

  it('runs an analysis step: success continues, failure aborts naming the metric', async () => {
    const name = 'checked';
    await createTestRollout(fleet, 'staging', {
      name,
      analysisTemplate: 'success-rate',
      strategy: {
        canary: {
          steps: [
            { setWeight: 25 },
            { analysis: { templates: [{ templateName: 'success-rate' }] } },
            { setWeight: 50 },
            { pause: {} },
          ],
        },
      },
    });
    await until(name, healthy);

    await setImage(name, `${REPO}/checked:2.0.0`);
    const passed = await until(name, pausedAtStep(3));
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 2, '2.0.0': 2 });
    await patchStatus(name, { promoteFull: true });
    await until(name, healthy);

    await setImage(name, `${REPO}/checked:3.0.0-bad`);
    const failed = await until(name, ro => ro.status.phase === 'Degraded');
    expect(failed.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 3: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
    const runName = failed.status.canary.currentStepAnalysisRunStatus.name;
    expect(failed.status.canary.currentStepAnalysisRunStatus.status).toBe(
      'Failed',
    );
    const run = await custom.getNamespacedCustomObject({
      ...ARGO,
      namespace: NS,
      plural: 'analysisruns',
      name: runName,
    });
    expect(run.status.metricResults[0]).toMatchObject({
      name: 'success-rate',
      phase: 'Failed',
      failed: 1,
    });
    expect(run.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Rollout',
      name,
    });
    await until(name, ro => ro.status.availableReplicas === 4);
    expect(await podsByVersion(name)).toEqual({ '2.0.0': 4 });
    expect(passed.status.stableRS).not.toBe(failed.status.stableRS);
  });

  it('blue-green: the new version comes up behind the preview Service, promotion switches the active one', async () => {
    const name = 'shop';
    await createTestRollout(fleet, 'staging', {
      name,
      strategy: { blueGreen: { autoPromotionEnabled: false } },
    });
    const first = await until(name, healthy);
    const selector = async (service: string) =>
      (await core.readNamespacedService({ namespace: NS, name: service })).spec
        ?.selector?.['rollouts-pod-template-hash'];
    expect(await selector('shop-active')).toBe(first.status.currentPodHash);
    expect(first.status.blueGreen.activeSelector).toBe(
      first.status.currentPodHash,
    );

    await setImage(name, `${REPO}/shop:2.0.0`);
    const paused = await until(
      name,
      ro =>
        ro.status.phase === 'Paused' && ro.status.message === 'BlueGreenPause',
    );
    expect(await podsByVersion(name)).toEqual({ '1.0.0': 4, '2.0.0': 4 });
    expect(await selector('shop-preview')).toBe(paused.status.currentPodHash);
    expect(await selector('shop-active')).toBe(first.status.currentPodHash);
    expect(paused.status.blueGreen).toEqual({
      activeSelector: first.status.currentPodHash,
      previewSelector: paused.status.currentPodHash,
    });

    await patchStatus(name, { pauseConditions: null });
    const promoted = await until(
      name,
      ro => healthy(ro) && ro.status.replicas === 4,
    );
    expect(await selector('shop-active')).toBe(promoted.status.currentPodHash);
    expect(await podsByVersion(name)).toEqual({ '2.0.0': 4 });
  });
});
