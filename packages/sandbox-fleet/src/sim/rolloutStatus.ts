import { KubeObject } from '../store/types';
import { KINDS, setCondition } from './objects';
import { RolloutContext } from './rolloutContext';
import { availableOf, revisionOf, specReplicas } from './rolloutObjects';

const TIMED_OUT = 'ProgressDeadlineExceeded';

/** Upstream's CalculateRolloutPhase, for the cases this simulation reaches. */
export function rolloutPhase(
  rollout: KubeObject,
  status: any,
  abortedMessage: string | undefined,
): { phase: string; message: string } {
  const replicas = rollout.spec?.replicas ?? 1;
  if (abortedMessage !== undefined) {
    return { phase: 'Degraded', message: `RolloutAborted: ${abortedMessage}` };
  }
  if (rollout.spec?.paused)
    return { phase: 'Paused', message: 'manually paused' };
  const [pause] = status.pauseConditions ?? [];
  if (pause) return { phase: 'Paused', message: pause.reason };
  if ((status.updatedReplicas ?? 0) < replicas) {
    return {
      phase: 'Progressing',
      message: 'more replicas need to be updated',
    };
  }
  if ((status.availableReplicas ?? 0) < (status.updatedReplicas ?? 0)) {
    return {
      phase: 'Progressing',
      message: 'updated replicas are still becoming available',
    };
  }
  const promoted = status.stableRS && status.stableRS === status.currentPodHash;
  if (rollout.spec?.strategy?.blueGreen) {
    if (status.blueGreen?.activeSelector !== status.currentPodHash) {
      return {
        phase: 'Progressing',
        message: 'active service cutover pending',
      };
    }
    if (!promoted) {
      return {
        phase: 'Progressing',
        message: 'waiting for post-promotion verification to complete',
      };
    }
  } else {
    if ((status.replicas ?? 0) > (status.updatedReplicas ?? 0)) {
      return {
        phase: 'Progressing',
        message: 'old replicas are pending termination',
      };
    }
    if (!promoted) {
      return {
        phase: 'Progressing',
        message: 'waiting for all steps to complete',
      };
    }
  }
  return { phase: 'Healthy', message: '' };
}

type Condition = {
  type: string;
  status: string;
  reason: string;
  message: string;
};

/**
 * Sets a condition with upstream's lastUpdateTime, which moves when it changes (or, with
 * `touch`, when the Rollout made progress).
 */
function withCondition(
  conditions: any[],
  next: Condition,
  nowIso: string,
  touch = false,
): any[] {
  const previous = conditions.find(c => c.type === next.type);
  const same =
    !touch &&
    previous &&
    previous.status === next.status &&
    previous.reason === next.reason &&
    previous.message === next.message;
  return setCondition(conditions, next, nowIso, {
    lastUpdateTime: same ? previous.lastUpdateTime : nowIso,
  });
}

/** Progressing, with the reason upstream gives it in each phase. */
function progressingCondition(
  phase: string,
  abortedMessage: string | undefined,
  timedOut: boolean,
  rsName: string,
): Condition {
  const type = 'Progressing';
  if (timedOut) {
    return {
      type,
      status: 'False',
      reason: TIMED_OUT,
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
    };
  }
  if (abortedMessage !== undefined) {
    return {
      type,
      status: 'False',
      reason: 'RolloutAborted',
      message: abortedMessage,
    };
  }
  if (phase === 'Paused') {
    return {
      type,
      status: 'Unknown',
      reason: 'RolloutPaused',
      message: 'Rollout is paused',
    };
  }
  if (phase === 'Healthy') {
    return {
      type,
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
    };
  }
  return {
    type,
    status: 'True',
    reason: 'ReplicaSetUpdated',
    message: `ReplicaSet "${rsName}" is progressing.`,
  };
}

/** Whether pods or steps moved since the stored status: what resets the progress deadline. */
function madeProgress(before: any, after: any): boolean {
  return [
    'replicas',
    'updatedReplicas',
    'readyReplicas',
    'availableReplicas',
    'currentStepIndex',
    'currentPodHash',
  ].some(field => before[field] !== after[field]);
}

/**
 * Upstream's progress deadline (spec.progressDeadlineSeconds, default 600): pods that do
 * not become available for that long, with nothing else moving, leave the Rollout
 * Degraded (not aborted). Waiting on a pause or an analysis with every pod available is
 * not a stall.
 */
function stalled(
  ctx: RolloutContext,
  live: KubeObject[],
  rollout: KubeObject,
): boolean {
  if (!live.some(rs => availableOf(rs) < specReplicas(rs))) return false;
  const progressing = (rollout.status?.conditions ?? []).find(
    (c: any) => c.type === 'Progressing',
  );
  if (progressing?.reason === TIMED_OUT) return true;
  if (progressing?.reason !== 'ReplicaSetUpdated') return false;
  const deadlineMs = (rollout.spec?.progressDeadlineSeconds ?? 600) * 1000;
  return ctx.now - Date.parse(progressing.lastUpdateTime) > deadlineMs;
}

/**
 * The status counts, phase, message and conditions (Progressing, Available, Paused,
 * Healthy, with upstream's reasons and messages), from the ReplicaSets as stored now.
 */
export function finishStatus(ctx: RolloutContext): any {
  const { status, rollout, nowIso, cluster } = ctx;
  const live = [ctx.current, ctx.stable, ...ctx.others]
    .filter((rs): rs is KubeObject => Boolean(rs))
    .map(
      rs =>
        cluster.store.get(
          KINDS.replicaSet,
          rs.metadata.namespace,
          rs.metadata.name,
        ) ?? rs,
    );
  const sum = (field: string) =>
    live.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);
  const current = live[0];
  status.observedGeneration = String(rollout.metadata.generation ?? 1);
  status.replicas = sum('replicas');
  status.HPAReplicas = status.replicas;
  status.updatedReplicas = current.status?.replicas ?? 0;
  status.readyReplicas = sum('readyReplicas');
  status.availableReplicas = sum('availableReplicas');
  status.selector = Object.entries(rollout.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

  let abortedMessage: string | undefined;
  if (status.abort) {
    status.abortedAt = status.abortedAt ?? nowIso;
    abortedMessage = `Rollout aborted update to revision ${revisionOf(
      current,
    )}`;
    const why =
      ctx.abortMessage ??
      (status.conditions ?? [])
        .find((c: any) => c.reason === 'RolloutAborted')
        ?.message?.split(`${abortedMessage}: `)[1];
    if (why) abortedMessage = `${abortedMessage}: ${why}`;
  } else {
    delete status.abortedAt;
  }

  let { phase, message } = rolloutPhase(rollout, status, abortedMessage);
  const moved = madeProgress(rollout.status ?? {}, status);
  const timedOut =
    phase === 'Progressing' && !moved && stalled(ctx, live, rollout);
  if (timedOut) {
    phase = 'Degraded';
    message = `${TIMED_OUT}: ReplicaSet "${current.metadata.name}" has timed out progressing.`;
  }
  status.phase = phase;
  status.message = message;

  let conditions: any[] = [...(status.conditions ?? [])];
  const paused = phase === 'Paused';
  conditions = withCondition(
    conditions,
    progressingCondition(
      phase,
      abortedMessage,
      timedOut,
      current.metadata.name,
    ),
    nowIso,
    phase === 'Progressing' && moved,
  );
  const replicas = rollout.spec?.replicas ?? 1;
  conditions = withCondition(
    conditions,
    status.availableReplicas >= replicas
      ? {
          type: 'Available',
          status: 'True',
          reason: 'AvailableReason',
          message: 'Rollout has minimum availability',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'AvailableReason',
          message: 'Rollout does not have minimum availability',
        },
    nowIso,
  );
  if (paused || conditions.some(c => c.type === 'Paused')) {
    conditions = withCondition(
      conditions,
      paused
        ? {
            type: 'Paused',
            status: 'True',
            reason: 'RolloutPaused',
            message: 'Rollout is paused',
          }
        : {
            type: 'Paused',
            status: 'False',
            reason: 'RolloutResumed',
            message: 'Rollout is resumed',
          },
      nowIso,
    );
  }
  conditions = withCondition(
    conditions,
    phase === 'Healthy'
      ? {
          type: 'Healthy',
          status: 'True',
          reason: 'RolloutHealthy',
          message: 'Rollout is healthy',
        }
      : {
          type: 'Healthy',
          status: 'False',
          reason: 'RolloutHealthy',
          message: 'Rollout is not healthy',
        },
    nowIso,
  );
  status.conditions = conditions;
  return status;
}
