import { ArgoRollout } from './argoRollout';

/**
 * Where a Rollout stands, read from its status the way `kubectl argo rollouts get` reads it
 * (utils/replicaset/canary.go GetCurrentCanaryStep and GetCurrentSetWeight), in the words
 * the actions report.
 */

export const canaryStepsOf = (rollout: ArgoRollout) =>
  rollout.spec.strategy?.canary?.steps ?? [];

/** The index of the step the controller is at; 0 before it has written one. */
export const currentStepIndex = (rollout: ArgoRollout) =>
  rollout.status?.currentStepIndex ?? 0;

/**
 * The canary's traffic weight: 0 when aborted, 100 past the last step (or with no steps),
 * else the nearest setWeight at or before the current step.
 */
export function currentSetWeight(rollout: ArgoRollout): number {
  if (rollout.status?.abort) return 0;
  const steps = canaryStepsOf(rollout);
  const index = currentStepIndex(rollout);
  if (!steps.length || index >= steps.length) return 100;
  for (let i = index; i >= 0; i--) {
    const weight = steps[i].setWeight;
    if (weight !== undefined) return weight;
  }
  return 0;
}

/** Paused as promote unpauses it: by a pause condition (a step, blue-green) or by hand. */
export const isPaused = (rollout: ArgoRollout) =>
  Boolean(rollout.spec.paused) ||
  (rollout.status?.pauseConditions ?? []).length > 0;

export const isAborted = (rollout: ArgoRollout) =>
  Boolean(rollout.status?.abort);

/** An update not yet promoted to stable: the pods the template asks for are not stable's. */
export const updateInFlight = (rollout: ArgoRollout) =>
  Boolean(rollout.status?.currentPodHash) &&
  rollout.status?.currentPodHash !== rollout.status?.stableRS;

/** The controller has seen the Rollout's newest spec (observedGeneration is a string in Argo). */
export const observedNewest = (rollout: ArgoRollout) =>
  String(rollout.status?.observedGeneration ?? '') ===
  String(rollout.metadata.generation ?? '');

/** Healthy on its newest template: nothing left to roll out. */
export const isHealthy = (rollout: ArgoRollout) =>
  rollout.status?.phase === 'Healthy' &&
  observedNewest(rollout) &&
  !updateInFlight(rollout);

/**
 * The canary step as `kubectl argo rollouts get` and the Rollout card show it: the current
 * step index over the step count, "step 1/6 (weight 25)" while at the second step.
 */
export function describeStep(rollout: ArgoRollout): string {
  const steps = canaryStepsOf(rollout);
  const index = Math.min(currentStepIndex(rollout), steps.length);
  return `step ${index}/${steps.length} (weight ${currentSetWeight(rollout)})`;
}

/**
 * Where a Rollout stands, in words: "step 3/6 (weight 50, paused)", "aborted: stable
 * 6d4f9 serves (the controller's message)", "healthy", "degraded (its message)".
 */
export function describeRolloutState(rollout: ArgoRollout): string {
  const status = rollout.status ?? {};
  const message = status.message ? ` (${status.message})` : '';
  if (isAborted(rollout))
    return `aborted: stable ${status.stableRS ?? 'none'} serves${message}`;
  if (status.phase === 'Degraded') return `degraded${message}`;
  if (!updateInFlight(rollout))
    return status.phase === 'Healthy'
      ? 'healthy'
      : `${(status.phase ?? 'not yet read').toLowerCase()}${message}`;
  const paused = isPaused(rollout) ? ', paused' : '';
  if (rollout.spec.strategy?.blueGreen)
    return `blue-green preview ${status.currentPodHash}${
      paused ? ' (paused)' : ''
    }`;
  if (!canaryStepsOf(rollout).length)
    return `updating to ${status.currentPodHash}${paused ? ' (paused)' : ''}`;
  return describeStep(rollout).replace(/\)$/, `${paused})`);
}
