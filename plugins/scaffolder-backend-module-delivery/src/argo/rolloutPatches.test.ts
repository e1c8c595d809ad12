import {
  abortedRollout,
  canaryRollout,
  healthyRollout,
} from '../__testUtils__/argoRollouts';
import {
  ABORT_PATCH,
  promotePatches,
  RETRY_PATCH,
  setImagePatch,
  undoPatch,
} from './rolloutPatches';

// The expected bodies are the constants of pkg/kubectl-argo-rollouts/cmd/*/*.go, verbatim.
describe('the patches kubectl argo rollouts sends', () => {
  it('promote at a pause step: clears the pause conditions through the status subresource', () => {
    expect(promotePatches(canaryRollout(), false)).toEqual({
      statusPatch: { status: { pauseConditions: null } },
      unifiedPatch: {
        spec: { paused: false },
        status: { pauseConditions: null },
      },
    });
  });

  it('promote of a Rollout paused by hand: unpauses its spec as well', () => {
    const rollout = canaryRollout({ spec: { paused: true } });
    expect(promotePatches(rollout, false).specPatch).toEqual({
      spec: { paused: false },
    });
  });

  it('promote during an analysis step (no pause): moves to the next step instead', () => {
    const rollout = canaryRollout({
      status: { currentStepIndex: 4, pauseConditions: [] },
    });
    expect(promotePatches(rollout, false)).toEqual({
      statusPatch: { status: { pauseConditions: null, currentStepIndex: 5 } },
      unifiedPatch: {
        spec: { paused: false },
        status: { pauseConditions: null, currentStepIndex: 5 },
      },
    });
  });

  it('promote after an inconclusive analysis: clears the controller pause and moves on', () => {
    const rollout = canaryRollout({
      status: {
        currentStepIndex: 4,
        controllerPause: true,
        pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }],
        canary: {
          currentStepAnalysisRunStatus: { name: 'r', status: 'Inconclusive' },
        },
      },
    });
    expect(promotePatches(rollout, false).statusPatch).toEqual({
      status: {
        pauseConditions: null,
        controllerPause: false,
        currentStepIndex: 5,
      },
    });
  });

  it('promote --full: promoteFull while an update is in flight, nothing to the status otherwise', () => {
    expect(promotePatches(canaryRollout(), true)).toEqual({
      statusPatch: { status: { promoteFull: true } },
      unifiedPatch: { spec: { paused: false }, status: { promoteFull: true } },
    });
    expect(promotePatches(healthyRollout(), true).statusPatch).toBeUndefined();
  });

  it('abort and retry: one status field each', () => {
    expect(ABORT_PATCH).toEqual({ status: { abort: true } });
    expect(RETRY_PATCH).toEqual({ status: { abort: false } });
    expect(abortedRollout().status?.abort).toBe(true);
  });

  it("undo: replaces the whole pod template with the ReplicaSet's, without its hash label", () => {
    const template = {
      metadata: {
        labels: { app: 'api', 'rollouts-pod-template-hash': 'old5c4' },
      },
      spec: { containers: [{ name: 'api', image: 'api:1' }] },
    };
    expect(undoPatch(template)).toEqual([
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'api:1' }] },
        },
      },
    ]);
    // The ReplicaSet read is not changed by it.
    expect(template.metadata.labels['rollouts-pod-template-hash']).toBe(
      'old5c4',
    );
  });

  it("deploy: the first container's image, after testing that it is still that container", () => {
    expect(setImagePatch(canaryRollout(), 'api:2')).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/containers/0/name',
        value: 'capsight-backend',
      },
      {
        op: 'replace',
        path: '/spec/template/spec/containers/0/image',
        value: 'api:2',
      },
    ]);
  });
});
