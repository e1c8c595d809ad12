import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { KINDS } from './objects';
import { specReplicas } from './rolloutObjects';

/**
 * One reconciliation of one Rollout, as upstream's rolloutContext: the ReplicaSets it
 * owns, told apart by role, and the status being computed from the stored one.
 */
export interface RolloutContext {
  cluster: Cluster;
  rollout: KubeObject;
  now: number;
  nowIso: string;
  replicas: number;
  /** The ReplicaSet of the current pod template (the canary, or blue-green's preview). */
  current: KubeObject;
  /** The ReplicaSet of status.stableRS, unless it is the current one. */
  stable?: KubeObject;
  /** Every other ReplicaSet the Rollout owns. */
  others: KubeObject[];
  /** The new status; starts as a copy of the stored one. */
  status: any;
  /** Why the Rollout aborted, when the controller aborts it (a failed analysis). */
  abortMessage?: string;
}

/** Sets a ReplicaSet's spec.replicas; returns the stored object. */
export function scaleTo(
  ctx: RolloutContext,
  rs: KubeObject,
  replicas: number,
): KubeObject {
  const latest =
    ctx.cluster.store.get(
      KINDS.replicaSet,
      rs.metadata.namespace,
      rs.metadata.name,
    ) ?? rs;
  if (specReplicas(latest) === replicas) return latest;
  return ctx.cluster.store.update(KINDS.replicaSet, {
    ...latest,
    spec: { ...latest.spec, replicas },
  });
}

/** Scales down every ReplicaSet that is neither current nor stable. */
export function scaleDownOthers(ctx: RolloutContext): void {
  for (const rs of ctx.others) scaleTo(ctx, rs, 0);
}

export function pauseCondition(ctx: RolloutContext, reason: string) {
  return (ctx.status.pauseConditions ?? []).find(
    (c: any) => c.reason === reason,
  );
}

/** Adds a pause condition (and controllerPause) unless one with that reason exists. */
export function addPause(ctx: RolloutContext, reason: string): void {
  if (pauseCondition(ctx, reason)) return;
  ctx.status.pauseConditions = [
    ...(ctx.status.pauseConditions ?? []),
    { reason, startTime: ctx.nowIso },
  ];
  ctx.status.controllerPause = true;
}

export function removePause(ctx: RolloutContext, reason: string): void {
  const left = (ctx.status.pauseConditions ?? []).filter(
    (c: any) => c.reason !== reason,
  );
  if (left.length) {
    ctx.status.pauseConditions = left;
  } else {
    delete ctx.status.pauseConditions;
    delete ctx.status.controllerPause;
  }
}

export function clearPauses(ctx: RolloutContext): void {
  delete ctx.status.pauseConditions;
  delete ctx.status.controllerPause;
}

/**
 * True when a person resumed a pause the controller made: upstream's test that
 * controllerPause is still set while the pause condition is gone.
 */
export function resumed(ctx: RolloutContext, reason: string): boolean {
  return Boolean(ctx.status.controllerPause) && !pauseCondition(ctx, reason);
}

/** The current template's ReplicaSet becomes stable: the end of an update. */
export function promoteStable(ctx: RolloutContext): void {
  ctx.status.stableRS = ctx.status.currentPodHash;
  delete ctx.status.promoteFull;
  clearPauses(ctx);
}
