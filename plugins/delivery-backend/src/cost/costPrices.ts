import { CostPricesAnswer } from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  CostSource,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';

/**
 * `GET /cost/prices`: per environment, the prices of its first primary and first DR cluster
 * (in `delivery.clusters` order), so the golden-path form's estimate prices a new service
 * where it will run. A cluster Delivery does not reach, or the source does not price, is
 * left out.
 */
export function costPrices(options: {
  config: DeliveryConfig;
  connections: ClusterConnection[];
  source: CostSource;
}): CostPricesAnswer {
  const { config, connections, source } = options;
  const environments: CostPricesAnswer['environments'] = [];
  for (const { name: environment } of config.environments) {
    for (const role of ['primary', 'dr'] as const) {
      const connection = config.clusters
        .filter(c => c.environment === environment && c.role === role)
        .map(c => connections.find(known => known.name === c.name))
        .find(Boolean);
      const priced = connection && source.pricesFor(connection);
      if (!connection || !priced) continue;
      const { purchase, ...prices } = priced;
      environments.push({
        environment,
        cluster: connection.name,
        role,
        prices,
        purchase,
      });
    }
  }
  return { source: source.id, environments };
}
