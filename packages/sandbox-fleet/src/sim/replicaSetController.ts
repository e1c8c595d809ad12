import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import {
  byOwner,
  controllerRef,
  isPodReady,
  KINDS,
  sameJson,
  typeMeta,
} from './objects';

/** A pod for a controller (ReplicaSet or Job), named like Kubernetes names them. */
export function podFor(
  cluster: Cluster,
  owner: KubeObject,
  template: any,
  name?: string,
): KubeObject {
  return {
    ...typeMeta('Pod'),
    metadata: {
      name: name ?? `${owner.metadata.name}-${cluster.random.suffix()}`,
      namespace: owner.metadata.namespace,
      labels: { ...(template?.metadata?.labels ?? {}) },
      annotations: { ...(template?.metadata?.annotations ?? {}) },
      ownerReferences: [controllerRef(owner)],
    },
    spec: { ...(template?.spec ?? {}) },
    status: { phase: 'Pending', conditions: [], qosClass: 'Burstable' },
  };
}

/** Pods that go first when scaling down: not scheduled, then not ready, then newest. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
  const rank = (pod: KubeObject) => {
    if (!pod.spec?.nodeName) return 0;
    return isPodReady(pod) ? 2 : 1;
  };
  return (
    rank(a) - rank(b) ||
    String(b.metadata.creationTimestamp).localeCompare(
      String(a.metadata.creationTimestamp),
    )
  );
}

/**
 * The ReplicaSet controller: as many pods as spec.replicas, and the counts in status
 * (a pod is available once it has been ready for minReadySeconds).
 */
function fingerprint(rs: KubeObject, pods: KubeObject[]): string {
  return `${rs.metadata.resourceVersion}|${pods
    .map(p => p.metadata.resourceVersion)
    .join(',')}`;
}

/**
 * @param settled - fingerprints of ReplicaSets that needed nothing last time; skipped until
 *   they or their pods change.
 */
export function reconcileReplicaSets(
  cluster: Cluster,
  settled: Map<string, string> = new Map(),
): void {
  const { store } = cluster;
  const now = cluster.clock.now();
  const podsByOwner = byOwner(store.all(KINDS.pod));

  for (const rs of store.all(KINDS.replicaSet)) {
    const owned = podsByOwner.get(rs.metadata.uid!) ?? [];
    if (settled.get(rs.metadata.uid!) === fingerprint(rs, owned)) continue;
    const pods = owned.filter(p => !p.metadata.deletionTimestamp);
    const desired = rs.spec?.replicas ?? 0;
    if (pods.length < desired) {
      for (let i = pods.length; i < desired; i++) {
        pods.push(
          store.create(KINDS.pod, podFor(cluster, rs, rs.spec.template)),
        );
      }
    } else if (pods.length > desired) {
      const surplus = [...pods]
        .sort(deletionOrder)
        .slice(0, pods.length - desired);
      for (const pod of surplus) {
        store.delete(KINDS.pod, pod.metadata.namespace, pod.metadata.name);
        pods.splice(pods.indexOf(pod), 1);
      }
    }

    const minReady = (rs.spec?.minReadySeconds ?? 0) * 1000;
    const ready = pods.filter(isPodReady);
    const available = ready.filter(pod => {
      const since = pod.status.conditions.find(
        (c: any) => c.type === 'Ready',
      )?.lastTransitionTime;
      return now - Date.parse(since ?? '') >= minReady;
    });
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: rs.metadata.generation,
    };
    if (!sameJson(status, rs.status)) {
      const latest = store.get(
        KINDS.replicaSet,
        rs.metadata.namespace,
        rs.metadata.name,
      );
      if (latest) store.update(KINDS.replicaSet, { ...latest, status });
    }
    const latest = store.get(
      KINDS.replicaSet,
      rs.metadata.namespace,
      rs.metadata.name,
    );
    if (
      latest &&
      available.length === ready.length &&
      pods.length === owned.length
    ) {
      settled.set(rs.metadata.uid!, fingerprint(latest, pods));
    } else {
      settled.delete(rs.metadata.uid!);
    }
  }
}
