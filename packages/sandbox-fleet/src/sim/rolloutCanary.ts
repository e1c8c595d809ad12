import {
  backgroundAnalysis,
  forgetAnalysis,
  isCurrentBackgroundRun,
  isCurrentStepRun,
  stepAnalysis,
  terminateRuns,
} from './rolloutAnalysis';
import {
  addPause,
  clearPauses,
  pauseCondition,
  promoteStable,
  removePause,
  resumed,
  RolloutContext,
  scaleDownOthers,
  scaleTo,
} from './rolloutContext';
import {
  availableOf,
  durationMs,
  PAUSE_REASONS,
  specReplicas,
} from './rolloutObjects';

/** upstream's GetCurrentSetWeight: the last setWeight at or before the step; 100 past the end. */
export function currentSetWeight(steps: any[], index: number): number {
  if (index >= steps.length) return 100;
  for (let i = index; i >= 0; i--) {
    if (typeof steps[i]?.setWeight === 'number') return steps[i].setWeight;
  }
  return 0;
}

/** Canary and stable pod counts for a weight, without traffic routing (pods are the traffic). */
export function canaryCounts(replicas: number, weight: number) {
  const canary = Math.min(replicas, Math.ceil((weight * replicas) / 100));
  return { canary, stable: replicas - canary };
}

/**
 * Scales the canary to its weight's share and the stable ReplicaSet to the rest, keeping
 * the stable pods until the canary's are available so capacity never dips. Returns
 * whether both sit at their counts, which is when a setWeight step is complete.
 */
function scaleToWeight(ctx: RolloutContext, weight: number): boolean {
  const { canary, stable } = canaryCounts(ctx.replicas, weight);
  const current = scaleTo(ctx, ctx.current, canary);
  const covered = Math.min(canary, availableOf(current));
  let stableRs = ctx.stable;
  if (stableRs) {
    stableRs = scaleTo(ctx, stableRs, Math.max(stable, ctx.replicas - covered));
  }
  scaleDownOthers(ctx);
  const stableSettled =
    !stableRs ||
    (specReplicas(stableRs) === stable &&
      (stableRs.status?.replicas ?? 0) === stable);
  return availableOf(current) >= canary && stableSettled;
}

/** Whether the step at `index` is complete; may add pauses, runs or an abort. */
function completedStep(ctx: RolloutContext, step: any, index: number): boolean {
  if (typeof step.setWeight === 'number') return true; // scaled before this is asked
  if (step.pause) {
    if (resumed(ctx, PAUSE_REASONS.canaryStep)) return true;
    const paused = pauseCondition(ctx, PAUSE_REASONS.canaryStep);
    if (!paused) {
      addPause(ctx, PAUSE_REASONS.canaryStep);
      return false;
    }
    const duration = step.pause.duration;
    return (
      duration !== undefined &&
      ctx.now >= Date.parse(paused.startTime) + durationMs(duration)
    );
  }
  if (step.analysis) {
    const outcome = stepAnalysis(ctx, index, step.analysis);
    if (outcome.state === 'failed') {
      ctx.abortMessage = outcome.message;
      return false;
    }
    if (outcome.state === 'inconclusive') {
      if (resumed(ctx, PAUSE_REASONS.inconclusiveAnalysis)) return true;
      addPause(ctx, PAUSE_REASONS.inconclusiveAnalysis);
      return false;
    }
    return outcome.state === 'successful';
  }
  // Steps this simulation does not model (experiment, setCanaryScale, plugins) pass.
  return true;
}

/**
 * One pass of a canary Rollout without traffic routing, after upstream's
 * syncRolloutStatusCanary: abort puts every pod back on stable, promoteFull jumps past the
 * steps, otherwise the current step is worked on and, once complete, the next one starts;
 * a background analysis (strategy.canary.analysis) runs from its startingStep and aborts
 * the update if it fails. Past the last step the canary takes all replicas and becomes
 * stable, and the runs end.
 */
export function reconcileCanary(ctx: RolloutContext): void {
  const { status } = ctx;
  const steps: any[] = ctx.rollout.spec?.strategy?.canary?.steps ?? [];
  const paused = Boolean(ctx.rollout.spec?.paused);

  if (status.stableRS === status.currentPodHash) {
    // Nothing in flight: the stable ReplicaSet runs everything.
    scaleTo(ctx, ctx.current, ctx.replicas);
    if (availableOf(ctx.current) >= ctx.replicas) scaleDownOthers(ctx);
    if (steps.length) status.currentStepIndex = steps.length;
    return;
  }

  if (status.promoteFull) {
    clearPauses(ctx);
    delete status.abort;
    status.currentStepIndex = steps.length;
  }

  if (status.abort) {
    clearPauses(ctx);
    status.currentStepIndex = 0;
    terminateRuns(ctx);
    if (ctx.stable) scaleTo(ctx, ctx.stable, ctx.replicas);
    scaleTo(ctx, ctx.current, 0);
    scaleDownOthers(ctx);
    return;
  }

  let index = Math.min(status.currentStepIndex ?? 0, steps.length);
  const atWeight = scaleToWeight(ctx, currentSetWeight(steps, index));
  if (!paused && index >= steps.length) {
    // Past the last step the canary holds every replica: it becomes stable.
    if (atWeight) {
      promoteStable(ctx);
      terminateRuns(ctx);
      return;
    }
  } else if (!paused && atWeight && completedStep(ctx, steps[index], index)) {
    index += 1;
    removePause(ctx, PAUSE_REASONS.canaryStep);
    removePause(ctx, PAUSE_REASONS.inconclusiveAnalysis);
    forgetAnalysis(ctx, 'step');
  }
  status.currentStepIndex = index;
  const background = ctx.rollout.spec.strategy.canary.analysis;
  const measuring = background && index >= (background.startingStep ?? 0);
  if (measuring) {
    const outcome = backgroundAnalysis(ctx, background);
    if (outcome.state === 'failed') ctx.abortMessage = outcome.message;
  }
  // Runs left behind (a step promoted past, a template replaced) are cancelled.
  terminateRuns(
    ctx,
    run =>
      isCurrentStepRun(ctx, run, index) ||
      Boolean(measuring && isCurrentBackgroundRun(ctx, run)),
  );
  // A failed analysis aborts; the next pass scales back to stable.
  if (ctx.abortMessage) status.abort = true;
}
