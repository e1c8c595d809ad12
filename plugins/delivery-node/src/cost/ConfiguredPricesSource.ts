import type { ClusterConnection } from '../clusters/ClusterConnection';
import type { ClusterPrices, CostSource } from './CostSource';
import { applyOverride, CostConfig } from './readCostConfig';

/**
 * The default cost source: prices from `delivery.cost.prices`, most specific first (the
 * cluster's own, then its region's, then the default list, then the built-in defaults),
 * key by key. It measures nothing, so it has no `allocations`.
 * @public
 */
export class ConfiguredPricesSource implements CostSource {
  readonly id = 'configured';

  constructor(private readonly prices: CostConfig['prices']) {}

  pricesFor(cluster: ClusterConnection): ClusterPrices {
    const region = cluster.region
      ? this.prices.regions.get(cluster.region)
      : undefined;
    return applyOverride(
      applyOverride(this.prices.default, region),
      this.prices.clusters.get(cluster.name),
    );
  }
}
