import {
  CostClusterLine,
  estimateEnvironmentCost,
} from '@internal/backstage-plugin-delivery-common';
import { MeasuredCost } from '@internal/backstage-plugin-delivery-node';
import { deploymentShapeOf, PricedCluster } from './pricedClusters';

/**
 * A service's line of one cluster: the estimate from the cached Deployments at the
 * cluster's prices and purchase option, and beside it what the cost source measured for
 * the service there, when it did.
 */
export function costClusterLine(
  priced: PricedCluster,
  measured?: { source: string; cost: MeasuredCost },
): CostClusterLine {
  const { connection } = priced;
  const { purchase, ...prices } = priced.prices;
  return {
    environment: connection.environment,
    cluster: connection.name,
    role: connection.role,
    region: connection.region,
    prices,
    purchase,
    estimate: estimateEnvironmentCost(
      { deployments: priced.deployments.map(deploymentShapeOf), purchase },
      prices,
    ),
    measured: measured && { ...measured.cost, source: measured.source },
  };
}
