import {
  applyOverride,
  ClusterConnection,
  ClusterPrices,
  CostConfig,
  CostSource,
} from '@internal/backstage-plugin-delivery-node';

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
