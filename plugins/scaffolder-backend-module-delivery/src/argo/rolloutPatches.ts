import { V1PodTemplateSpec } from '@kubernetes/client-node';
import { ArgoRollout, ROLLOUT_POD_TEMPLATE_HASH } from './argoRollout';
import { currentStepIndex } from './rolloutProgress';

/**
 * The patches `kubectl argo rollouts` sends, built the way its commands build them
 * (pkg/kubectl-argo-rollouts/cmd/{promote,abort,retry,undo}): JSON merge patches, the
 * status ones to the `status` subresource; undo a JSON patch of the spec.
 */

/**
 * What one promotion sends (promote.go `getPatches`, without the skip flags): `specPatch` for
 * the Rollout, `statusPatch` for its status subresource, either absent when not needed, and
 * `unifiedPatch` for a controller that serves no status subresource (spec and status in one).
 */
export interface PromotePatches {
  specPatch?: object;
  statusPatch?: object;
  unifiedPatch: object;
}

/**
 * A promotion of the current step (clears the pause; the controller then moves on), or
 * with `full` of the whole update (`promoteFull`: every remaining step, pause and analysis
 * skipped).
 */
export function promotePatches(
  rollout: ArgoRollout,
  full: boolean,
): PromotePatches {
  const paused = Boolean(rollout.spec.paused);
  const status = rollout.status ?? {};
  const unpause = paused ? { specPatch: { spec: { paused: false } } } : {};
  if (full)
    return {
      ...unpause,
      ...(status.currentPodHash !== status.stableRS
        ? { statusPatch: { status: { promoteFull: true } } }
        : {}),
      unifiedPatch: { spec: { paused: false }, status: { promoteFull: true } },
    };
  const steps = rollout.spec.strategy?.canary?.steps ?? [];
  const canaryWithSteps =
    Boolean(rollout.spec.strategy?.canary) && steps.length;
  const pauseConditions = status.pauseConditions ?? [];
  // The step after the current one, as far as the last (GetCurrentCanaryStep, then ++).
  const next = Math.min(currentStepIndex(rollout) + 1, steps.length);
  const inconclusive =
    Boolean(rollout.spec.strategy?.canary) &&
    status.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive';
  const unified = {
    spec: { paused: false },
    status: { pauseConditions: null },
  };
  if (
    inconclusive &&
    pauseConditions.length &&
    status.controllerPause &&
    canaryWithSteps
  )
    return {
      ...unpause,
      statusPatch: {
        status: {
          pauseConditions: null,
          controllerPause: false,
          currentStepIndex: next,
        },
      },
      unifiedPatch: unified,
    };
  if (pauseConditions.length)
    return {
      ...unpause,
      statusPatch: { status: { pauseConditions: null } },
      unifiedPatch: unified,
    };
  if (canaryWithSteps)
    // Promoting a step that is not paused (an analysis or experiment running): the
    // controller is told to go to the next step, never both that and a cleared pause.
    return {
      ...unpause,
      statusPatch: {
        status: { pauseConditions: null, currentStepIndex: next },
      },
      unifiedPatch: {
        spec: { paused: false },
        status: { pauseConditions: null, currentStepIndex: next },
      },
    };
  return { ...unpause, unifiedPatch: unified };
}

/** abort.go: the controller scales the canary (or preview) down; stable serves everything. */
export const ABORT_PATCH = { status: { abort: true } };

/** retry.go: the controller clears abortedAt and starts the update again from its first step. */
export const RETRY_PATCH = { status: { abort: false } };

/**
 * undo.go: the Rollout's pod template replaced with a ReplicaSet's, without the pod-template
 * hash label the controller added to it (it would otherwise pin the hash). A JSON patch.
 */
export function undoPatch(template: V1PodTemplateSpec): object[] {
  const labels = { ...template.metadata?.labels };
  delete labels[ROLLOUT_POD_TEMPLATE_HASH];
  return [
    {
      op: 'replace',
      path: '/spec/template',
      value: {
        ...template,
        metadata: { ...template.metadata, labels },
      },
    },
  ];
}

/**
 * A new image for a Rollout's first container, as a JSON patch that first tests that
 * container's name: a template changed in between (containers reordered) makes the patch
 * fail (422) instead of putting the image on the wrong container. The Rollout's own
 * strategy then runs the update.
 */
export function setImagePatch(rollout: ArgoRollout, image: string): object[] {
  const name = rollout.spec.template?.spec?.containers?.[0]?.name;
  return [
    ...(name
      ? [
          {
            op: 'test',
            path: '/spec/template/spec/containers/0/name',
            value: name,
          },
        ]
      : []),
    {
      op: 'replace',
      path: '/spec/template/spec/containers/0/image',
      value: image,
    },
  ];
}
