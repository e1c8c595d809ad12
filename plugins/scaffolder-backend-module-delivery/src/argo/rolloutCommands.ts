import { InputError } from '@backstage/errors';
import { V1ReplicaSet } from '@kubernetes/client-node';
import {
  ArgoRollout,
  ROLLOUT_POD_TEMPLATE_HASH,
  ROLLOUT_REVISION,
  rolloutImage,
} from './argoRollout';
import { RolloutChange } from './rolloutChange';
import {
  ABORT_PATCH,
  promotePatches,
  RETRY_PATCH,
  setImagePatch,
  undoPatch,
} from './rolloutPatches';
import {
  currentStepIndex,
  describeRolloutState,
  describeStep,
  isAborted,
  isHealthy,
  isPaused,
  observedNewest,
  updateInFlight,
} from './rolloutProgress';
import { RolloutTarget, targetName } from './rolloutTargets';

/**
 * The changes `kubectl argo rollouts` makes (promote, promote --full, abort, retry, undo)
 * and a deploy's new image, each checked against the Rollout as it was read: a refusal
 * names the Rollout, where it stands and what to do instead, before anything is sent.
 */

const where = ({ rollout }: RolloutTarget) => ({
  namespace: rollout.metadata.namespace!,
  name: rollout.metadata.name!,
});

/** Stopped again after a change: paused, healthy, or failed (aborted, degraded). */
const stopped = (now: ArgoRollout) =>
  isPaused(now) ||
  isHealthy(now) ||
  isAborted(now) ||
  now.status?.phase === 'Degraded';

const refuse = (target: RolloutTarget, why: string) =>
  new InputError(`environment: ${targetName(target)} ${why}`);

/**
 * promote: the current step's pause cleared (the controller moves on to the next pause,
 * or to healthy); `full`: `promoteFull`, every remaining step skipped. Refused for an
 * aborted Rollout (retry first) and, for a step, one that is not paused.
 */
export function promoteChange(
  target: RolloutTarget,
  full: boolean,
): RolloutChange {
  const { cluster, rollout } = target;
  const state = describeRolloutState(rollout);
  if (isAborted(rollout))
    throw refuse(
      target,
      `is aborted (${state}); retry it first (delivery:service:retry), then promote`,
    );
  if (
    full ? !updateInFlight(rollout) && !rollout.spec.paused : !isPaused(rollout)
  )
    throw refuse(
      target,
      full
        ? `has nothing to promote: it is ${state}`
        : `is not paused, so there is nothing to promote: it is ${state}${
            updateInFlight(rollout)
              ? '; wait for its next pause, or promote fully (full: true)'
              : ''
          }`,
    );
  const { namespace, name } = where(target);
  const patches = promotePatches(rollout, full);
  const hash = rollout.status?.currentPodHash;
  const index = currentStepIndex(rollout);
  const moved = (now: ArgoRollout) =>
    now.status?.currentPodHash !== hash ||
    isAborted(now) ||
    now.status?.phase === 'Degraded' ||
    isHealthy(now);
  return {
    target,
    describe: full
      ? `promote fully from ${state}`
      : `promote from ${describeStep(rollout)}`,
    async send() {
      if (patches.statusPatch)
        await cluster.patchRolloutStatus(
          namespace,
          name,
          patches.statusPatch,
          patches.unifiedPatch,
        );
      if (patches.specPatch)
        await cluster.patchRollout(namespace, name, patches.specPatch);
    },
    applied: now =>
      full
        ? Boolean(now.status?.promoteFull) || moved(now)
        : !isPaused(now) || currentStepIndex(now) !== index || moved(now),
    waitingFor: full ? 'healthy' : 'its next pause or healthy',
    reached: now =>
      full
        ? moved(now)
        : moved(now) || (isPaused(now) && currentStepIndex(now) > index),
  };
}

/** abort: stable takes all traffic back, the canary (or preview) is scaled down. */
export function abortChange(target: RolloutTarget): RolloutChange {
  const { cluster, rollout } = target;
  const state = describeRolloutState(rollout);
  if (isAborted(rollout))
    throw refuse(target, `is already aborted (${state}); nothing to abort`);
  if (!updateInFlight(rollout))
    throw refuse(
      target,
      `has no update in flight, so there is nothing to abort: it is ${state}`,
    );
  const { namespace, name } = where(target);
  return {
    target,
    describe: `abort at ${state}`,
    send: async () => {
      await cluster.patchRolloutStatus(namespace, name, ABORT_PATCH);
    },
    applied: isAborted,
    waitingFor: 'aborted, stable serving',
    reached: now => isAborted(now) && now.status?.phase === 'Degraded',
  };
}

/** retry: an aborted update started again from its first step. */
export function retryChange(target: RolloutTarget): RolloutChange {
  const { cluster, rollout } = target;
  if (!isAborted(rollout))
    throw refuse(
      target,
      `is not aborted, so there is nothing to retry: it is ${describeRolloutState(
        rollout,
      )}`,
    );
  const { namespace, name } = where(target);
  const abortedAt = rollout.status?.abortedAt;
  return {
    target,
    describe: `retry the aborted update to ${rollout.status?.currentPodHash}`,
    send: async () => {
      await cluster.patchRolloutStatus(namespace, name, RETRY_PATCH);
    },
    applied: now => !isAborted(now) || now.status?.abortedAt !== abortedAt,
    waitingFor: 'its first pause or healthy',
    reached: now =>
      isAborted(now)
        ? now.status?.abortedAt !== abortedAt
        : now.status?.phase !== 'Degraded' && stopped(now),
  };
}

/**
 * A change of the pod template (undo, deploy): sent once, then followed until the
 * controller has seen it and the Rollout stopped again.
 */
function templateChange(
  target: RolloutTarget,
  describe: string,
  patch: object[],
  isApplied: (now: ArgoRollout) => boolean,
): RolloutChange {
  const { cluster } = target;
  const { namespace, name } = where(target);
  return {
    target,
    describe,
    send: async () => {
      await cluster.patchRollout(namespace, name, patch, 'json');
    },
    applied: isApplied,
    waitingFor: 'its first pause or healthy',
    reached: now =>
      isApplied(now) &&
      observedNewest(now) &&
      Boolean(now.status?.currentPodHash) &&
      stopped(now),
  };
}

const revisionOf = (rs: V1ReplicaSet) =>
  Number(rs.metadata?.annotations?.[ROLLOUT_REVISION] ?? 0);

/** A pod template as plain JSON, without the pod-template hash label the controller adds. */
const withoutHash = (template: unknown) => {
  const copy = JSON.parse(JSON.stringify(template ?? {}));
  delete copy.metadata?.labels?.[ROLLOUT_POD_TEMPLATE_HASH];
  return copy;
};

/**
 * Whether every field set in `mine` has the same value in `theirs` (apimachinery's
 * DeepDerivative, as undo.go compares): the API server fills defaults into a ReplicaSet's
 * template that the Rollout's own template leaves out.
 */
export function derivative(mine: unknown, theirs: unknown): boolean {
  if (mine === undefined || mine === null) return true;
  if (Array.isArray(mine))
    return (
      Array.isArray(theirs) &&
      mine.length === theirs.length &&
      mine.every((item, i) => derivative(item, theirs[i]))
    );
  if (typeof mine === 'object')
    return (
      typeof theirs === 'object' &&
      theirs !== null &&
      Object.entries(mine).every(([key, value]) =>
        derivative(value, (theirs as Record<string, unknown>)[key]),
      )
    );
  return mine === theirs;
}

const sameTemplate = (rollout: ArgoRollout, template: unknown) =>
  derivative(withoutHash(rollout.spec.template), withoutHash(template));

/**
 * undo (undo.go): the pod template of the previous revision's ReplicaSet (the second
 * newest; or `revision`) put back into the Rollout. Refused when that revision is gone
 * or the Rollout already runs its template.
 */
export async function undoChange(
  target: RolloutTarget,
  revision?: number,
): Promise<RolloutChange> {
  const { cluster, rollout } = target;
  const sets = (await cluster.replicaSetsOf(rollout))
    .filter(rs =>
      rs.metadata?.ownerReferences?.some(
        o => o.controller && o.uid === rollout.metadata.uid,
      ),
    )
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const kept = sets.map(revisionOf).join(', ') || 'none';
  const to =
    revision === undefined
      ? sets[1]
      : sets.find(rs => revisionOf(rs) === revision);
  if (!to)
    throw new InputError(
      revision === undefined
        ? `revision: ${targetName(
            target,
          )} has no previous revision to undo to (revisions kept: ${kept})`
        : `revision: ${targetName(
            target,
          )} has no revision ${revision} any more (revisions kept: ${kept})`,
    );
  const template = to.spec?.template ?? {};
  if (sameTemplate(rollout, template))
    throw new InputError(
      `revision: ${targetName(
        target,
      )} already runs the template of revision ${revisionOf(
        to,
      )}; nothing to undo`,
    );
  const image = template.spec?.containers?.[0]?.image;
  return templateChange(
    target,
    `undo to revision ${revisionOf(to)}${image ? ` (${image})` : ''}`,
    undoPatch(template),
    now => sameTemplate(now, template),
  );
}

/**
 * deploy: a new image for the Rollout's first container; the Rollout's own strategy runs
 * the update (Delivery's canary and blue-green do not run on top of it).
 */
export function deployChange(
  target: RolloutTarget,
  image: string,
): RolloutChange {
  const { rollout } = target;
  if (rolloutImage(rollout) === image)
    throw new InputError(
      `image: ${targetName(
        target,
      )} already runs ${image} (${describeRolloutState(rollout)})`,
    );
  return templateChange(
    target,
    `image ${rolloutImage(rollout)} → ${image}`,
    setImagePatch(rollout, image),
    now => rolloutImage(now) === image,
  );
}
