import { ArgoRollout } from '../argo/argoRollout';

/**
 * A Rollout as the Argo Rollouts controller leaves it, for unit tests: capsight-backend's
 * canary (setWeight 25, pause {}, setWeight 50, pause 10s, analysis, setWeight 100) paused
 * at its first pause with the next version in flight, unless `changes` says otherwise.
 */
export function canaryRollout(
  changes: {
    spec?: Partial<ArgoRollout['spec']>;
    status?: Partial<NonNullable<ArgoRollout['status']>>;
  } = {},
): ArgoRollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      namespace: 'capsight',
      name: 'capsight-backend',
      uid: 'rollout-uid',
      generation: 2,
    },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'capsight-backend' } },
      template: {
        metadata: { labels: { app: 'capsight-backend' } },
        spec: {
          containers: [
            {
              name: 'capsight-backend',
              image: 'ghcr.io/delivery-example/capsight-backend:7.1.0',
            },
          ],
        },
      },
      strategy: {
        canary: {
          steps: [
            { setWeight: 25 },
            { pause: {} },
            { setWeight: 50 },
            { pause: { duration: '10s' } },
            { analysis: { templates: [{ templateName: 'success-rate' }] } },
            { setWeight: 100 },
          ],
        },
      },
      ...changes.spec,
    },
    status: {
      phase: 'Paused',
      currentStepIndex: 1,
      currentPodHash: 'new7f9',
      stableRS: 'old5c4',
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2026-12-07T01:00:00Z' },
      ],
      controllerPause: true,
      observedGeneration: '2',
      replicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
      ...changes.status,
    },
  };
}

/** The same Rollout healthy on its stable version: nothing in flight. */
export const healthyRollout = () =>
  canaryRollout({
    status: {
      phase: 'Healthy',
      currentStepIndex: 6,
      currentPodHash: 'old5c4',
      stableRS: 'old5c4',
      pauseConditions: undefined,
      controllerPause: false,
    },
  });

/** The same Rollout aborted at its first pause: stable serves. */
export const abortedRollout = () =>
  canaryRollout({
    status: {
      phase: 'Degraded',
      message: 'RolloutAborted: Rollout aborted update to revision 2',
      abort: true,
      abortedAt: '2026-12-07T01:05:00Z',
      pauseConditions: undefined,
      controllerPause: false,
    },
  });
