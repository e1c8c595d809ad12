import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { byOwner, controllerRef, KINDS, sameJson, typeMeta } from './objects';
import { forgetAnalysis } from './rolloutAnalysis';
import { reconcileBlueGreen } from './rolloutBlueGreen';
import { reconcileCanary } from './rolloutCanary';
import { clearPauses, RolloutContext } from './rolloutContext';
import {
  ARGO_KINDS,
  podHashOf,
  revisionOf,
  ROLLOUT_HASH_LABEL,
  ROLLOUT_REVISION,
  rolloutTemplateHash,
  specReplicas,
} from './rolloutObjects';
import { finishStatus } from './rolloutStatus';

function newReplicaSet(
  rollout: KubeObject,
  hash: string,
  revision: number,
): KubeObject {
  const template = rollout.spec.template;
  const labels = {
    ...(template.metadata?.labels ?? {}),
    [ROLLOUT_HASH_LABEL]: hash,
  };
  return {
    ...typeMeta('ReplicaSet'),
    metadata: {
      name: `${rollout.metadata.name}-${hash}`,
      namespace: rollout.metadata.namespace,
      labels,
      annotations: { [ROLLOUT_REVISION]: String(revision) },
      ownerReferences: [controllerRef(rollout)],
    },
    spec: {
      replicas: 0,
      selector: {
        ...rollout.spec.selector,
        matchLabels: {
          ...(rollout.spec.selector?.matchLabels ?? {}),
          [ROLLOUT_HASH_LABEL]: hash,
        },
      },
      template: {
        ...template,
        metadata: { ...(template.metadata ?? {}), labels },
      },
    },
    status: { replicas: 0 },
  };
}

function withRevision(rs: KubeObject, revision: number): KubeObject {
  return {
    ...rs,
    metadata: {
      ...rs.metadata,
      annotations: {
        ...rs.metadata.annotations,
        [ROLLOUT_REVISION]: String(revision),
      },
    },
  };
}

/**
 * The ReplicaSet of the current template: found again by its hash (an undo or a
 * redeploy reuses it as the newest revision), else created at zero replicas.
 */
function currentReplicaSet(
  cluster: Cluster,
  rollout: KubeObject,
  owned: KubeObject[],
  hash: string,
): KubeObject {
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  const found = owned.find(rs => podHashOf(rs) === hash);
  if (!found) {
    return cluster.store.create(
      KINDS.replicaSet,
      newReplicaSet(rollout, hash, maxRevision + 1),
    );
  }
  if (revisionOf(found) < maxRevision) {
    return cluster.store.update(
      KINDS.replicaSet,
      withRevision(found, maxRevision + 1),
    );
  }
  return found;
}

/**
 * What upstream's resetRolloutStatus does when the pod template changes: the steps start
 * again, pauses and abort are forgotten. Going back to the stable template (an undo
 * mid-update) skips the steps, as upstream does.
 */
function startUpdate(ctx: RolloutContext, hash: string): void {
  const { status } = ctx;
  const steps = ctx.rollout.spec?.strategy?.canary?.steps ?? [];
  status.currentPodHash = hash;
  clearPauses(ctx);
  delete status.abort;
  delete status.abortedAt;
  delete status.promoteFull;
  forgetAnalysis(ctx, 'all');
  status.conditions = (status.conditions ?? []).filter(
    (c: any) => c.reason !== 'RolloutAborted',
  );
  if (!status.stableRS) status.stableRS = hash; // the first deploy goes straight to stable
  if (steps.length) {
    status.currentStepIndex = status.stableRS === hash ? steps.length : 0;
  }
}

/** status.abort turned false after an abort: upstream's retry, steps from the start. */
function retryIfAborted(ctx: RolloutContext): void {
  const { status } = ctx;
  const wasAborted = (status.conditions ?? []).some(
    (c: any) => c.type === 'Progressing' && c.reason === 'RolloutAborted',
  );
  if (status.abort || !wasAborted) return;
  delete status.abortedAt;
  forgetAnalysis(ctx, 'all');
  status.conditions = status.conditions.filter(
    (c: any) => c.reason !== 'RolloutAborted',
  );
}

function reconcileRollout(
  cluster: Cluster,
  rollout: KubeObject,
  owned: KubeObject[],
): void {
  const now = cluster.clock.now();
  const strategy = rollout.spec?.strategy ?? {};
  if (!rollout.spec?.template || (!strategy.canary && !strategy.blueGreen))
    return;
  const hash = rolloutTemplateHash(rollout.spec.template);
  const current = currentReplicaSet(cluster, rollout, owned, hash);
  const previous = rollout.status ?? {};
  const status = JSON.parse(JSON.stringify(previous));
  const ctx: RolloutContext = {
    cluster,
    rollout,
    now,
    nowIso: new Date(now).toISOString(),
    replicas: rollout.spec?.replicas ?? 1,
    current,
    stable: undefined,
    others: [],
    status,
  };
  if (previous.currentPodHash !== hash) startUpdate(ctx, hash);
  retryIfAborted(ctx);
  for (const rs of owned) {
    if (rs.metadata.uid === current.metadata.uid) continue;
    if (status.stableRS && podHashOf(rs) === status.stableRS) ctx.stable = rs;
    else ctx.others.push(rs);
  }
  if (strategy.canary) reconcileCanary(ctx);
  else reconcileBlueGreen(ctx);

  pruneHistory(ctx);
  const next = finishStatus(ctx);
  // Upstream annotates the Rollout with the revision of its current ReplicaSet.
  const revision = revisionOf(current);
  const annotated =
    rollout.metadata.annotations?.[ROLLOUT_REVISION] === String(revision);
  if (annotated && sameJson(next, previous)) return;
  const latest = cluster.store.get(
    ARGO_KINDS.rollout,
    rollout.metadata.namespace,
    rollout.metadata.name,
  );
  if (!latest) return;
  cluster.store.update(ARGO_KINDS.rollout, {
    ...withRevision(latest, revision),
    status: next,
  });
}

/** Deletes the oldest idle ReplicaSets beyond spec.revisionHistoryLimit (default 10). */
function pruneHistory(ctx: RolloutContext): void {
  const limit = ctx.rollout.spec?.revisionHistoryLimit ?? 10;
  const idle = ctx.others
    .filter(rs => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const pruned = new Set(idle.slice(0, Math.max(0, idle.length - limit)));
  for (const rs of pruned) {
    ctx.cluster.store.delete(
      KINDS.replicaSet,
      rs.metadata.namespace,
      rs.metadata.name,
    );
  }
  ctx.others = ctx.others.filter(rs => !pruned.has(rs));
}

/**
 * The Argo Rollouts controller of one cluster, simulated: canary steps without traffic
 * routing (rolloutCanary.ts), blue-green (rolloutBlueGreen.ts), step analysis
 * (rolloutAnalysis.ts, with the runs measured by analysisRunController.ts), abort, retry,
 * promote and full promotion as the kubectl plugin's status patches ask. Pods come from
 * the ReplicaSet controller, as for Deployments.
 */
export function reconcileRollouts(cluster: Cluster): void {
  const rollouts = cluster.store.all(ARGO_KINDS.rollout);
  // Most clusters run none: skip indexing thousands of ReplicaSets twice a tick for nothing.
  if (!rollouts.length) return;
  const replicaSets = byOwner(cluster.store.all(KINDS.replicaSet));
  for (const rollout of rollouts) {
    reconcileRollout(
      cluster,
      rollout,
      replicaSets.get(rollout.metadata.uid!) ?? [],
    );
  }
}
