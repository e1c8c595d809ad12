import { ARGO_ROLLOUT_SERVICE } from '../seed/scenarios';
import { Fleet } from '../fleet/Fleet';
import { createTestRollout } from '../fleet/testRollouts';
import { startTestFleet } from '../__testUtils__/testFleet';
import {
  healthy,
  pausedAtStep,
  REPO,
  rolloutClient,
  TEST_NAMESPACE,
  ARGO,
} from '../__testUtils__/rolloutClient';

jest.setTimeout(20_000);

/**
 * The simulated Argo Rollouts controller's canary, driven as product code and the kubectl
 * plugin drive a real one: objects and patches through the API with client-node, the
 * status patches `kubectl argo rollouts` sends, time moved on the fleet's manual clock.
 */
describe('Argo Rollouts canary in the sandbox', () => {
  let fleet: Fleet;
  let client: ReturnType<typeof rolloutClient>;

  beforeAll(async () => {
    const started = await startTestFleet();
    fleet = started.fleet;
    client = rolloutClient(fleet, started.step);
  });
  afterAll(() => fleet.stop());

  it('seeds capsight-backend in staging paused at its first canary pause, then promotes it to Healthy', async () => {
    const name = ARGO_ROLLOUT_SERVICE;
    const seeded = await client.read(name, 'capsight');
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
    expect(await client.podsByVersion(name, 'capsight')).toEqual({
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
    await client.patchStatus(name, { pauseConditions: null }, 'capsight');
    const timed = await client.until(name, pausedAtStep(3), 'capsight');
    expect(timed.status.pauseConditions[0].reason).toBe('CanaryPauseStep');
    expect(await client.podsByVersion(name, 'capsight')).toEqual({
      '1.7.1': 2,
      '1.8.0': 2,
    });
    // The timed pause ends by itself, then the analysis step runs and succeeds.
    const analysing = await client.until(
      name,
      ro => ro.status.currentStepIndex === 4,
      'capsight',
    );
    expect(analysing.status.phase).toBe('Progressing');
    const done = await client.until(name, healthy, 'capsight');
    expect(done.status.currentStepIndex).toBe(5);
    expect(await client.podsByVersion(name, 'capsight')).toEqual({
      '1.8.0': 4,
    });
    const runs = await client.custom.listNamespacedCustomObject({
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
    const first = await client.until(name, healthy);
    expect(first.status.currentStepIndex).toBe(4); // an initial deploy skips the steps
    expect(await client.podsByVersion(name)).toEqual({ '1.0.0': 4 });

    await client.setImage(name, `${REPO}/web:2.0.0`);
    const paused = await client.until(name, pausedAtStep(1));
    expect(paused.status.pauseConditions).toEqual([
      { reason: 'CanaryPauseStep', startTime: expect.any(String) },
    ]);
    expect(paused.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Paused', status: 'True' }),
    );
    expect(await client.podsByVersion(name)).toEqual({
      '1.0.0': 3,
      '2.0.0': 1,
    });

    await client.patchStatus(name, { pauseConditions: null });
    await client.until(name, pausedAtStep(3));
    expect(await client.podsByVersion(name)).toEqual({
      '1.0.0': 2,
      '2.0.0': 2,
    });

    // `kubectl argo rollouts abort`: every pod back on stable, Degraded.
    await client.patchStatus(name, { abort: true });
    const aborted = await client.until(
      name,
      ro => ro.status.phase === 'Degraded' && ro.status.availableReplicas === 4,
    );
    expect(aborted.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2',
    );
    expect(aborted.status.abortedAt).toEqual(expect.any(String));
    expect(aborted.status.pauseConditions).toBeUndefined();
    expect(await client.podsByVersion(name)).toEqual({ '1.0.0': 4 });

    // `kubectl argo rollouts retry`: the steps start again from the first.
    await client.patchStatus(name, { abort: false });
    const retried = await client.until(name, pausedAtStep(1));
    expect(retried.status.abortedAt).toBeUndefined();
    expect(await client.podsByVersion(name)).toEqual({
      '1.0.0': 3,
      '2.0.0': 1,
    });

    // `kubectl argo rollouts promote --full`: past every remaining step.
    await client.patchStatus(name, { promoteFull: true });
    const promoted = await client.until(name, healthy);
    expect(promoted.status.promoteFull).toBeUndefined();
    expect(await client.podsByVersion(name)).toEqual({ '2.0.0': 4 });

    // `kubectl argo rollouts undo`: the previous revision's template, a new update of it.
    const { items } = await client.apps.listNamespacedReplicaSet({
      namespace: TEST_NAMESPACE,
      labelSelector: 'app.kubernetes.io/name=web',
    });
    const previous = items.find(
      rs => rs.metadata?.annotations?.['rollout.argoproj.io/revision'] === '1',
    )!;
    const template = JSON.parse(JSON.stringify(previous.spec!.template));
    delete template.metadata.labels['rollouts-pod-template-hash'];
    await client.jsonPatchRollout(name, [
      { op: 'replace', path: '/spec/template', value: template },
    ]);
    const undone = await client.until(name, pausedAtStep(1));
    expect(undone.metadata.annotations['rollout.argoproj.io/revision']).toBe(
      '3',
    );
    expect(await client.podsByVersion(name)).toEqual({
      '2.0.0': 3,
      '1.0.0': 1,
    });
    const reused = await client.apps.readNamespacedReplicaSet({
      namespace: TEST_NAMESPACE,
      name: previous.metadata!.name!,
    });
    expect(reused.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe(
      '3',
    );
  });

  it('pauses only while spec.paused says so', async () => {
    const name = 'held';
    await createTestRollout(fleet, 'staging', { name });
    await client.until(name, healthy);
    await client.patchSpec(name, { paused: true });
    await client.setImage(name, `${REPO}/held:2.0.0`);
    const held = await client.until(name, ro => ro.status.phase === 'Paused');
    expect(held.status.message).toBe('manually paused');
    await client.patchSpec(name, { paused: false });
    await client.until(name, pausedAtStep(1));
  });

  it('goes straight back to stable when the template returns to it mid-update', async () => {
    const name = 'back';
    await createTestRollout(fleet, 'staging', { name });
    const first = await client.until(name, healthy);
    await client.setImage(name, `${REPO}/back:2.0.0`);
    await client.until(name, pausedAtStep(1));
    await client.setImage(name, `${REPO}/back:1.0.0`);
    const back = await client.until(
      name,
      ro => healthy(ro) && ro.status.replicas === 4,
    );
    expect(back.status.currentPodHash).toBe(first.status.currentPodHash);
    expect(back.status.currentStepIndex).toBe(4);
    expect(await client.podsByVersion(name)).toEqual({ '1.0.0': 4 });
  });

  it('promote ends a timed pause early, and moving currentStepIndex past an analysis cancels its run', async () => {
    const name = 'timed';
    await createTestRollout(fleet, 'staging', {
      name,
      analysisTemplate: 'slow-check',
      strategy: {
        canary: {
          steps: [
            { setWeight: 25 },
            { pause: { duration: '1h' } },
            { analysis: { templates: [{ templateName: 'slow-check' }] } },
            { pause: {} },
          ],
        },
      },
    });
    await client.until(name, healthy);
    // The check measures every 10 minutes, five times: far longer than the test waits.
    const template = await client.custom.getNamespacedCustomObject({
      ...ARGO,
      namespace: TEST_NAMESPACE,
      plural: 'analysistemplates',
      name: 'slow-check',
    });
    template.spec.metrics[0] = {
      ...template.spec.metrics[0],
      interval: '10m',
      count: 5,
    };
    await client.custom.replaceNamespacedCustomObject({
      ...ARGO,
      namespace: TEST_NAMESPACE,
      plural: 'analysistemplates',
      name: 'slow-check',
      body: template,
    });

    await client.setImage(name, `${REPO}/timed:2.0.0`);
    await client.until(name, pausedAtStep(1));
    await client.patchStatus(name, { pauseConditions: null });
    const analysing = await client.until(
      name,
      ro =>
        ro.status.currentStepIndex === 2 &&
        ro.status.canary?.currentStepAnalysisRunStatus?.status === 'Running',
    );
    // What `promote` patches when nothing is paused: the next step.
    await client.patchStatus(name, {
      pauseConditions: null,
      currentStepIndex: 3,
    });
    await client.until(name, pausedAtStep(3));
    const run = await client.readRun(
      analysing.status.canary.currentStepAnalysisRunStatus.name,
    );
    expect(run.spec.terminate).toBe(true);
    expect(run.status).toMatchObject({
      phase: 'Successful',
      message: 'Run Terminated',
    });
  });

  it('is Degraded, not aborted, when the canary pods do not come up within the progress deadline', async () => {
    const name = 'stuck';
    await createTestRollout(fleet, 'staging', { name });
    await client.until(name, healthy);
    await client.patchSpec(name, { progressDeadlineSeconds: 30 });
    await client.setImage(name, `${REPO}/stuck:2.0.0-missing`);
    const stuck = await client.until(name, r => r.status.phase === 'Degraded');
    expect(stuck.status.message).toMatch(
      /^ProgressDeadlineExceeded: ReplicaSet "stuck-\w+" has timed out progressing\.$/,
    );
    expect(stuck.status.abort).toBeUndefined();
    expect(stuck.status.currentStepIndex).toBe(0);
    // Stable keeps every pod while the canary's never become available.
    expect(await client.podsByVersion(name)).toEqual({ '1.0.0': 4 });
  });
});
