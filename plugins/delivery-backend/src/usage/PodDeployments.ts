import type { ServiceWorkloads } from '@internal/backstage-plugin-delivery-common';

/**
 * Which Deployment a pod belongs to, from the cluster cache's rows of one or more services:
 * pod > ReplicaSet > Deployment by owner uid. Both usage collectors file usage through it, so
 * metrics.k8s.io and Prometheus put a pod under the same Deployment.
 */
export class PodDeployments {
  /** `namespace/pod` to its Deployment's name, for the pods the cache lists now. */
  private readonly byPod = new Map<string, string>();
  /** `namespace/replicaSet` to its Deployment's name, for every ReplicaSet the cache lists. */
  private readonly byReplicaSet = new Map<string, string>();

  constructor(workloads: Iterable<ServiceWorkloads>) {
    for (const { deployments, replicaSets, pods } of workloads) {
      const deploymentByUid = new Map(deployments.map(d => [d.uid, d.name]));
      const deploymentByReplicaSetUid = new Map<string, string>();
      for (const rs of replicaSets) {
        const deployment = deploymentByUid.get(rs.ownerUid ?? '');
        if (!deployment) continue;
        deploymentByReplicaSetUid.set(rs.uid, deployment);
        this.byReplicaSet.set(`${rs.namespace}/${rs.name}`, deployment);
      }
      for (const pod of pods) {
        const deployment = deploymentByReplicaSetUid.get(pod.ownerUid ?? '');
        if (deployment)
          this.byPod.set(`${pod.namespace}/${pod.name}`, deployment);
      }
    }
  }

  /** The Deployment of a pod the cache lists now; undefined for any other pod. */
  current(namespace: string, pod: string): string | undefined {
    return this.byPod.get(`${namespace}/${pod}`);
  }

  /**
   * The Deployment of a pod listed now or gone since (a range of history outlives its pods:
   * each rollout and restart replaces them). A gone pod is known by its name: a ReplicaSet
   * names its pods `<replicaSet>-<suffix>` with a suffix without dashes, and Kubernetes keeps
   * a Deployment's old ReplicaSets (revisionHistoryLimit, 10 by default), which the cache
   * lists. Pods of ReplicaSets deleted since are not known.
   */
  named(namespace: string, pod: string): string | undefined {
    const current = this.current(namespace, pod);
    if (current) return current;
    const dash = pod.lastIndexOf('-');
    if (dash <= 0) return undefined;
    return this.byReplicaSet.get(`${namespace}/${pod.slice(0, dash)}`);
  }
}
