import { Cluster } from '../fleet/Cluster';
import { controllerUid, KINDS } from './objects';
import { ARGO_KINDS } from './rolloutObjects';

const OWNER_KINDS = [
  KINDS.deployment,
  KINDS.replicaSet,
  KINDS.job,
  KINDS.cronJob,
  ARGO_KINDS.rollout,
];
const DEPENDENT_KINDS = [
  KINDS.replicaSet,
  KINDS.job,
  KINDS.pod,
  ARGO_KINDS.analysisRun,
];

/**
 * Background cascading deletion: an object whose controlling owner is gone is deleted,
 * so deleting a Deployment removes its ReplicaSets and then their Pods in one pass.
 */
export function collectGarbage(cluster: Cluster): void {
  const { store } = cluster;
  for (let pass = 0; pass < OWNER_KINDS.length; pass++) {
    const owners = new Set<string>();
    for (const kind of OWNER_KINDS) {
      for (const object of store.all(kind)) owners.add(object.metadata.uid!);
    }
    let deleted = 0;
    for (const kind of DEPENDENT_KINDS) {
      for (const object of store.all(kind)) {
        const owner = controllerUid(object);
        if (owner && !owners.has(owner)) {
          store.delete(kind, object.metadata.namespace, object.metadata.name);
          deleted++;
        }
      }
    }
    if (deleted === 0) return;
  }
}
