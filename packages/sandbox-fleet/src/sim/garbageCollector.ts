import { Cluster } from '../fleet/Cluster';
import { controllerUid, KINDS } from './objects';

/**
 * Background cascading deletion: an object whose controlling owner is gone is deleted,
 * so deleting a Deployment removes its ReplicaSets and then their Pods.
 */
export function collectGarbage(cluster: Cluster): void {
  const { store } = cluster;
  const owners = new Set<string>();
  for (const kind of [
    KINDS.deployment,
    KINDS.replicaSet,
    KINDS.job,
    KINDS.cronJob,
  ]) {
    for (const object of store.list(kind)) owners.add(object.metadata.uid!);
  }
  for (const kind of [KINDS.replicaSet, KINDS.job, KINDS.pod]) {
    for (const object of store.list(kind)) {
      const owner = controllerUid(object);
      if (owner && !owners.has(owner)) {
        store.delete(kind, object.metadata.namespace, object.metadata.name);
      }
    }
  }
}
