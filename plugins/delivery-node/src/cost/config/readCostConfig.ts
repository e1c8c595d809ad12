import { Config } from '@backstage/config';
import type { DeliveryConfig } from '../../config/readDeliveryConfig';
import { OpenCostConfig, readOpenCostConfig } from './opencost';
import { PricesConfig, readPricesConfig } from './prices';
import { readRightSizingConfig, RightSizingConfig } from './rightSizing';
import { readTeamBudgets } from './teamBudgets';
import { readUsageConfig, UsageConfig } from './usage';

/** The validated `delivery.cost` configuration. @public */
export interface CostConfig {
  /** Id of the cost source to use. */
  source: string;
  prices: PricesConfig;
  /** Monthly budget in US dollars by group ref (`group:<namespace>/<name>`, lowercase). */
  teamBudgets: Map<string, number>;
  /** Absent when OpenCost is not configured. */
  opencost?: OpenCostConfig;
  /**
   * How usage is observed for right-sizing: sampled from metrics.k8s.io, or read from
   * Prometheus for the clusters `prometheus` names.
   */
  usage: UsageConfig;
  /** Thresholds right-sizing uses in place of its defaults. */
  rightSizing: RightSizingConfig;
}

/**
 * Reads `delivery.cost`, one block at a time (each in its own file of this folder). Throws
 * at start-up, naming the key, when a value is unusable or names a cluster or region
 * `delivery.clusters` does not have: a price that silently does not apply would show every
 * estimate of that cluster wrong.
 * @public
 */
export function readCostConfig(
  config: Config,
  delivery: Pick<DeliveryConfig, 'clusters'>,
): CostConfig {
  const clusterNames = delivery.clusters.map(c => c.name);
  const source =
    config.getOptionalString('delivery.cost.source') ?? 'configured';
  const prices = readPricesConfig(config, delivery);
  const opencost = readOpenCostConfig(config, clusterNames);
  if (source === 'opencost' && !opencost) {
    throw new Error(
      'delivery.cost.source is opencost, but delivery.cost.opencost.clusters is not set',
    );
  }
  return {
    source,
    prices,
    teamBudgets: readTeamBudgets(config),
    opencost,
    usage: readUsageConfig(config, clusterNames),
    rightSizing: readRightSizingConfig(config),
  };
}
