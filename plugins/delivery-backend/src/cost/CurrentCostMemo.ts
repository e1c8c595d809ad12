import {
  ClusterConnection,
  CostSource,
} from '@internal/backstage-plugin-delivery-node';
import type { ClusterCache, WorkloadSelector } from '../cache/ClusterCache';
import { costClusterLine } from './costClusterLine';
import { pricedCluster } from './pricedClusters';

/**
 * What a service's Deployments in one cluster cost a month at their current replicas, per
 * cluster and workload selector, derived once per cache version: the overview's rebuilds
 * that nothing in a cluster prompted (the minute's refresh, a new measurement) price
 * nothing again. Only the total is kept, so the memo stays a number per service and cluster.
 */
export class CurrentCostMemo {
  private version = -1;
  /**
   * Per cluster, the totals by kubernetes-id and by label selector. A pass over the
   * catalog asks every cluster for every service, so no key string is built per question.
   */
  private readonly memo = new Map<
    string,
    { byId: Map<string, number | null>; bySelector: Map<string, number | null> }
  >();

  constructor(
    private readonly cache: Pick<ClusterCache, 'version' | 'workloadsOf'>,
    private readonly source: Pick<CostSource, 'pricesFor'>,
    private readonly unpriced: (connection: ClusterConnection) => void,
  ) {}

  /** The estimate's current total in one cluster; undefined when it runs nothing there. */
  get(
    connection: ClusterConnection,
    selector: WorkloadSelector,
  ): number | undefined {
    if (this.cache.version !== this.version) {
      this.memo.clear();
      this.version = this.cache.version;
    }
    let cluster = this.memo.get(connection.name);
    if (!cluster) {
      cluster = { byId: new Map(), bySelector: new Map() };
      this.memo.set(connection.name, cluster);
    }
    const [memo, key] =
      'kubernetesId' in selector
        ? [cluster.byId, selector.kubernetesId]
        : [cluster.bySelector, selector.labelSelector];
    let total = memo.get(key);
    if (total === undefined) {
      const priced = pricedCluster({
        connection,
        selector,
        cache: this.cache,
        source: this.source,
        unpriced: this.unpriced,
      });
      total = priced ? costClusterLine(priced).estimate.current.total : null;
      memo.set(key, total);
    }
    return total ?? undefined;
  }
}
