import { ARGO_ROLLOUT_SERVICE } from '@internal/sandbox-fleet';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  ARGO_GROUP,
  ARGO_VERSION,
  ArgoRollout,
  ROLLOUTS,
} from '../argo/argoRollout';
import type { DeliveryActionsBackend } from './startDeliveryActionsBackend';

export { ARGO_ROLLOUT_SERVICE };

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

/** The Rollout that runs a service in a sandbox cluster, read as a user's kubectl would. */
export async function seededRollout(
  backend: Pick<DeliveryActionsBackend, 'cluster'>,
  service: string,
  cluster = 'staging',
): Promise<ArgoRollout> {
  const list = await backend.cluster(cluster).custom.listClusterCustomObject({
    group: ARGO_GROUP,
    version: ARGO_VERSION,
    plural: ROLLOUTS,
    labelSelector: `backstage.io/kubernetes-id=${service}`,
  });
  const [rollout] = list.items as ArgoRollout[];
  if (!rollout) throw new Error(`no Rollout runs ${service} in ${cluster}`);
  return rollout;
}

/** Reads the Rollout again until `condition` holds (the sandbox's controller acts on a tick). */
export async function rolloutWhen(
  backend: Pick<DeliveryActionsBackend, 'cluster'>,
  service: string,
  condition: (rollout: ArgoRollout) => boolean | Promise<boolean>,
): Promise<ArgoRollout> {
  for (;;) {
    const rollout = await seededRollout(backend, service);
    if (await condition(rollout)) return rollout;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * Aborts the sandbox's Argo service's Rollout in staging directly, as
 * `kubectl argo rollouts abort` would, and waits for the controller to have aborted it:
 * the state a retry example starts from, without a run in the history.
 */
export async function abortSeededRollout(
  backend: Pick<DeliveryActionsBackend, 'cluster'>,
): Promise<void> {
  const rollout = await seededRollout(backend, ARGO_ROLLOUT_SERVICE);
  await backend.cluster('staging').custom.patchNamespacedCustomObjectStatus(
    {
      group: ARGO_GROUP,
      version: ARGO_VERSION,
      plural: ROLLOUTS,
      namespace: rollout.metadata.namespace!,
      name: rollout.metadata.name!,
      body: { status: { abort: true } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  await rolloutWhen(
    backend,
    ARGO_ROLLOUT_SERVICE,
    r => Boolean(r.status?.abort) && r.status?.phase === 'Degraded',
  );
}
