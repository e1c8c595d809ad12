import { ClusterSnapshot } from '@internal/backstage-plugin-delivery-common';
import { ServicePlacement } from './serviceOverview';

/** States that stay as they are until the cluster's objects change. */
const SETTLED = new Set(['complete', 'not-deployed', 'scaled-down']);

/**
 * What the overview must derive again without the cache naming the service: the services
 * an Argo Rollout runs in a cluster (the cache reports a cluster's AnalysisRuns without
 * their service), and those with a rollout under way (a pod's problems depend on how long
 * it has waited, so their state can move with time alone).
 */
export class RolloutMarks {
  private readonly argoIn = new Map<string, Set<string>>();
  private readonly unsettledRefs = new Set<string>();

  /** Notes the service's marks from its newly derived placements. */
  mark(
    entityRef: string,
    clusters: ClusterSnapshot[],
    placements: ServicePlacement[],
  ): void {
    clusters.forEach((cluster, index) => {
      const argo = placements.some(p => p.cluster === index && p.argo);
      let refs = this.argoIn.get(cluster.name);
      if (argo) {
        if (!refs) this.argoIn.set(cluster.name, (refs = new Set()));
        refs.add(entityRef);
      } else refs?.delete(entityRef);
    });
    if (placements.some(p => !SETTLED.has(p.state)))
      this.unsettledRefs.add(entityRef);
    else this.unsettledRefs.delete(entityRef);
  }

  forget(entityRef: string): void {
    for (const refs of this.argoIn.values()) refs.delete(entityRef);
    this.unsettledRefs.delete(entityRef);
  }

  /** The services an Argo Rollout runs in the cluster. */
  argoServicesIn(cluster: string): Iterable<string> {
    return this.argoIn.get(cluster) ?? [];
  }

  /** The services with a rollout under way somewhere. */
  unsettled(): ReadonlySet<string> {
    return this.unsettledRefs;
  }
}
