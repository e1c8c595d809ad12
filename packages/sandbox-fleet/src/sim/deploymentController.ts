import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { stableHash } from './random';
import {
  byOwner,
  controllerRef,
  KINDS,
  resolveIntOrPercent,
  sameJson,
  setCondition,
  typeMeta,
} from './objects';

const REVISION = 'deployment.kubernetes.io/revision';

const revisionOf = (rs: KubeObject) =>
  Number(rs.metadata.annotations?.[REVISION] ?? 0);
const specReplicas = (rs: KubeObject) => rs.spec?.replicas ?? 0;

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

// Stored objects are never mutated, so a template object's hash never changes.
const hashes = new WeakMap<object, string>();

/** The pod-template-hash of a template: the same template always gets the same ReplicaSet. */
export function templateHash(template: unknown): string {
  const key = template && typeof template === 'object' ? template : undefined;
  const cached = key && hashes.get(key);
  if (cached) return cached;
  const hash = stableHash(canonicalJson(template ?? {}));
  if (key) hashes.set(key, hash);
  return hash;
}

function newReplicaSet(
  deployment: KubeObject,
  hash: string,
  revision: number,
  replicas: number,
): KubeObject {
  const template = deployment.spec.template;
  const labels = {
    ...(template.metadata?.labels ?? {}),
    'pod-template-hash': hash,
  };
  return {
    ...typeMeta('ReplicaSet'),
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      labels,
      annotations: {
        [REVISION]: String(revision),
        'deployment.kubernetes.io/desired-replicas': String(
          deployment.spec.replicas ?? 1,
        ),
      },
      ownerReferences: [controllerRef(deployment)],
    },
    spec: {
      replicas,
      selector: {
        ...deployment.spec.selector,
        matchLabels: {
          ...(deployment.spec.selector?.matchLabels ?? {}),
          'pod-template-hash': hash,
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

function scaleReplicaSet(cluster: Cluster, rs: KubeObject, replicas: number) {
  if (specReplicas(rs) === replicas) return;
  cluster.store.update(KINDS.replicaSet, {
    ...rs,
    spec: { ...rs.spec, replicas },
  });
}

/**
 * The Deployment controller: one ReplicaSet per pod template (found again by its hash, so
 * a rollback reuses the old one and gives it the next revision), rolling updates within
 * maxSurge and maxUnavailable, Recreate, pausing, revision history, and the status and
 * conditions clients read (Progressing with ProgressDeadlineExceeded, Available).
 */
const SETTLED = new Set([
  'NewReplicaSetAvailable',
  'ProgressDeadlineExceeded',
  'DeploymentPaused',
]);

function fingerprint(
  deployment: KubeObject,
  replicaSets: KubeObject[],
): string {
  return `${deployment.metadata.resourceVersion}|${replicaSets
    .map(rs => rs.metadata.resourceVersion)
    .join(',')}`;
}

/**
 * @param settled - fingerprints of Deployments that needed nothing last time; skipped
 *   until they or their ReplicaSets change, which keeps a pass over thousands cheap.
 */
export function reconcileDeployments(
  cluster: Cluster,
  settled: Map<string, string> = new Map(),
): void {
  const { store } = cluster;
  const now = cluster.clock.now();
  const nowIso = new Date(now).toISOString();
  const replicaSets = byOwner(store.all(KINDS.replicaSet));

  for (const deployment of store.all(KINDS.deployment)) {
    const owned = replicaSets.get(deployment.metadata.uid!) ?? [];
    if (
      settled.get(deployment.metadata.uid!) === fingerprint(deployment, owned)
    )
      continue;
    const desired = deployment.spec?.replicas ?? 1;
    const hash = templateHash(deployment.spec?.template);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    let current = owned.find(
      rs => rs.metadata.labels?.['pod-template-hash'] === hash,
    );
    const paused = Boolean(deployment.spec?.paused);

    if (!paused) {
      if (!current) {
        const hasOldPods = owned.some(rs => specReplicas(rs) > 0);
        current = store.create(
          KINDS.replicaSet,
          newReplicaSet(
            deployment,
            hash,
            maxRevision + 1,
            hasOldPods ? 0 : desired,
          ),
        );
        owned.push(current);
      } else if (revisionOf(current) < maxRevision) {
        // Rolling back to an old template makes its ReplicaSet the newest revision.
        current = store.update(KINDS.replicaSet, {
          ...current,
          metadata: {
            ...current.metadata,
            annotations: {
              ...current.metadata.annotations,
              [REVISION]: String(maxRevision + 1),
            },
          },
        });
        owned.splice(
          owned.findIndex(rs => rs.metadata.uid === current!.metadata.uid),
          1,
          current,
        );
      }
      rollOut(
        cluster,
        deployment,
        current,
        owned.filter(rs => rs !== current),
        desired,
      );
      pruneHistory(cluster, deployment, owned, current);
    }
    writeStatus(
      cluster,
      deployment,
      current,
      owned,
      desired,
      paused,
      now,
      nowIso,
    );
    rememberIfSettled(cluster, deployment, owned, settled);
  }
}

function rememberIfSettled(
  cluster: Cluster,
  deployment: KubeObject,
  owned: KubeObject[],
  settled: Map<string, string>,
) {
  const { store } = cluster;
  const latest = store.get(
    KINDS.deployment,
    deployment.metadata.namespace,
    deployment.metadata.name,
  );
  if (!latest) return;
  const progressing = (latest.status?.conditions ?? []).find(
    (c: any) => c.type === 'Progressing',
  );
  if (!SETTLED.has(progressing?.reason)) {
    settled.delete(deployment.metadata.uid!);
    return;
  }
  // Updates keep an object's place in the store, and new ones go last, so this is the
  // order the next pass's index lists them in.
  const fresh = owned
    .map(rs =>
      store.get(KINDS.replicaSet, rs.metadata.namespace, rs.metadata.name),
    )
    .filter((rs): rs is KubeObject => Boolean(rs));
  settled.set(deployment.metadata.uid!, fingerprint(latest, fresh));
}

function rollOut(
  cluster: Cluster,
  deployment: KubeObject,
  current: KubeObject,
  old: KubeObject[],
  desired: number,
) {
  const strategy = deployment.spec?.strategy ?? {};
  const oldActive = old.filter(
    rs => specReplicas(rs) > 0 || (rs.status?.replicas ?? 0) > 0,
  );

  if (strategy.type === 'Recreate') {
    if (oldActive.length) {
      oldActive.forEach(rs => scaleReplicaSet(cluster, rs, 0));
      return;
    }
    scaleReplicaSet(cluster, current, desired);
    return;
  }

  const rolling = strategy.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(rolling.maxSurge, desired, '25%', true);
  let maxUnavailable = resolveIntOrPercent(
    rolling.maxUnavailable,
    desired,
    '25%',
    false,
  );
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;

  if (!oldActive.length) {
    scaleReplicaSet(cluster, current, desired);
    return;
  }

  // Scale up the new ReplicaSet within the surge.
  const total = [current, ...old].reduce((n, rs) => n + specReplicas(rs), 0);
  const room = desired + maxSurge - total;
  if (room > 0 && specReplicas(current) < desired) {
    scaleReplicaSet(
      cluster,
      current,
      Math.min(desired, specReplicas(current) + room),
    );
  }

  // Scale down old ReplicaSets: unavailable pods first (they serve nobody), then as many
  // available ones as keep at least desired - maxUnavailable available. A ReplicaSet's
  // status can still count pods it is about to delete, so never count more than its spec.
  const availableOf = (rs: KubeObject) =>
    Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0);
  const available = [current, ...old].reduce((n, rs) => n + availableOf(rs), 0);
  let budget = Math.max(0, available - (desired - maxUnavailable));
  const oldestFirst = [...oldActive].sort(
    (a, b) => revisionOf(a) - revisionOf(b),
  );
  for (const rs of oldestFirst) {
    const replicas = specReplicas(rs);
    const unhealthy = replicas - availableOf(rs);
    const fromBudget = Math.min(budget, replicas - unhealthy);
    budget -= fromBudget;
    scaleReplicaSet(cluster, rs, replicas - unhealthy - fromBudget);
  }
}

function pruneHistory(
  cluster: Cluster,
  deployment: KubeObject,
  owned: KubeObject[],
  current: KubeObject,
) {
  const limit = deployment.spec?.revisionHistoryLimit ?? 10;
  const idle = owned
    .filter(
      rs =>
        rs !== current &&
        specReplicas(rs) === 0 &&
        (rs.status?.replicas ?? 0) === 0,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    cluster.store.delete(
      KINDS.replicaSet,
      rs.metadata.namespace,
      rs.metadata.name,
    );
  }
}

function writeStatus(
  cluster: Cluster,
  deployment: KubeObject,
  current: KubeObject | undefined,
  owned: KubeObject[],
  desired: number,
  paused: boolean,
  now: number,
  nowIso: string,
) {
  const live = owned.map(
    rs =>
      cluster.store.get(
        KINDS.replicaSet,
        rs.metadata.namespace,
        rs.metadata.name,
      ) ?? rs,
  );
  const fresh = current
    ? cluster.store.get(
        KINDS.replicaSet,
        current.metadata.namespace,
        current.metadata.name,
      ) ?? current
    : undefined;
  const sum = (field: string) =>
    live.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);
  const replicas = sum('replicas');
  const available = sum('availableReplicas');
  const updated = fresh?.status?.replicas ?? 0;
  const oldPods = replicas - updated;
  const previous = deployment.status ?? {};

  const counts = {
    observedGeneration: deployment.metadata.generation,
    replicas,
    updatedReplicas: updated,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desired - available),
  };

  const maxUnavailable = resolveIntOrPercent(
    deployment.spec?.strategy?.rollingUpdate?.maxUnavailable,
    desired,
    '25%',
    false,
  );
  let conditions = setCondition(
    previous.conditions,
    available >= desired - maxUnavailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    nowIso,
    { lastUpdateTime: nowIso },
  );

  const rsName = fresh?.metadata.name ?? deployment.metadata.name;
  const progressing = (previous.conditions ?? []).find(
    (c: any) => c.type === 'Progressing',
  );
  const complete =
    updated === desired &&
    available === desired &&
    oldPods === 0 &&
    counts.readyReplicas === desired;
  const moved =
    previous.observedGeneration !== counts.observedGeneration ||
    previous.updatedReplicas !== counts.updatedReplicas ||
    previous.availableReplicas !== counts.availableReplicas ||
    previous.replicas !== counts.replicas;
  const deadline = (deployment.spec?.progressDeadlineSeconds ?? 600) * 1000;
  const lastProgress = Date.parse(
    progressing?.lastUpdateTime ??
      deployment.metadata.creationTimestamp ??
      nowIso,
  );

  let next:
    | { type: string; status: string; reason: string; message: string }
    | undefined;
  let touch = true;
  if (paused) {
    next = {
      type: 'Progressing',
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    };
  } else if (complete) {
    next = {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
    };
    touch = progressing?.reason !== 'NewReplicaSetAvailable';
  } else if (moved) {
    next = {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rsName}" is progressing.`,
    };
  } else if (now - lastProgress > deadline) {
    next = {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
    };
    touch = progressing?.reason !== 'ProgressDeadlineExceeded';
  }
  if (next) {
    conditions = setCondition(conditions, next, nowIso, {
      lastUpdateTime: touch ? nowIso : progressing?.lastUpdateTime ?? nowIso,
    });
  }
  // Keep Available's lastUpdateTime stable unless its status changed, to avoid churn.
  conditions = conditions.map(c =>
    c.type === 'Available'
      ? {
          ...c,
          lastUpdateTime:
            (previous.conditions ?? []).find(
              (p: any) => p.type === 'Available' && p.status === c.status,
            )?.lastUpdateTime ?? nowIso,
        }
      : c,
  );

  const status = { ...counts, conditions };
  if (!sameJson(status, previous)) {
    const latest = cluster.store.get(
      KINDS.deployment,
      deployment.metadata.namespace,
      deployment.metadata.name,
    );
    if (latest) cluster.store.update(KINDS.deployment, { ...latest, status });
  }
}
