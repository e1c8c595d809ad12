import { clustersOnFreePorts } from '../fleet/defaults';
import { Fleet } from '../fleet/Fleet';
import { createTestRollout } from '../fleet/testRollouts';
import { startTestFleet } from '../__testUtils__/testFleet';
import {
  healthy,
  pausedAtStep,
  REPO,
  rolloutClient,
} from '../__testUtils__/rolloutClient';

jest.setTimeout(20_000);

/** AnalysisRuns of canary steps and in the background, and the aborts they cause. */
describe('Argo Rollouts analysis in the sandbox', () => {
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
    await client.until(name, healthy);

    await client.setImage(name, `${REPO}/checked:2.0.0`);
    const passed = await client.until(name, pausedAtStep(3));
    expect(await client.podsByVersion(name)).toEqual({
      '1.0.0': 2,
      '2.0.0': 2,
    });
    await client.patchStatus(name, { promoteFull: true });
    await client.until(name, healthy);

    await client.setImage(name, `${REPO}/checked:3.0.0-bad`);
    const failed = await client.until(
      name,
      ro => ro.status.phase === 'Degraded',
    );
    expect(failed.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 3: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
    const runName = failed.status.canary.currentStepAnalysisRunStatus.name;
    expect(failed.status.canary.currentStepAnalysisRunStatus.status).toBe(
      'Failed',
    );
    const run = await client.readRun(runName);
    expect(run.status.metricResults[0]).toMatchObject({
      name: 'success-rate',
      phase: 'Failed',
      failed: 1,
    });
    expect(run.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Rollout',
      name,
    });
    await client.until(name, ro => ro.status.availableReplicas === 4);
    expect(await client.podsByVersion(name)).toEqual({ '2.0.0': 4 });
    expect(passed.status.stableRS).not.toBe(failed.status.stableRS);
  });

  it('a failing background analysis aborts the update', async () => {
    const name = 'watched';
    await createTestRollout(fleet, 'staging', {
      name,
      analysisTemplate: 'error-rate',
      strategy: {
        canary: {
          analysis: { templates: [{ templateName: 'error-rate' }] },
          steps: [{ setWeight: 25 }, { pause: {} }],
        },
      },
    });
    await client.until(name, healthy);
    await client.setImage(name, `${REPO}/watched:2.0.0-bad`);
    const failed = await client.until(
      name,
      ro => ro.status.phase === 'Degraded',
    );
    expect(failed.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
    const { name: runName, status } =
      failed.status.canary.currentBackgroundAnalysisRunStatus;
    expect(status).toBe('Failed');
    const run = await client.readRun(runName);
    expect(run.metadata.labels['rollout-type']).toBe('Background');
    await client.until(name, ro => ro.status.availableReplicas === 4);
    expect(await client.podsByVersion(name)).toEqual({ '1.0.0': 4 });
  });
});
