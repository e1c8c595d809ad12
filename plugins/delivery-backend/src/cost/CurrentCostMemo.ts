import { workloadLabelSelector } from '@internal/backstage-plugin-delivery-common';
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
  private readonly memo = new Map<string, number | null>();

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
    const key = `${connection.name}\u0000${workloadLabelSelector(selector)}`;
    let total = this.memo.get(key);
    if (total === undefined) {
      const priced = pricedCluster({
        connection,
        selector,
        cache: this.cache,
        source: this.source,
        unpriced: this.unpriced,
      });
      total = priced ? costClusterLine(priced).estimate.current.total : null;
      this.memo.set(key, total);
    }
    return total ?? undefined;
  }
}
