import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfiguredPricesSource } from './ConfiguredPricesSource';
import type {
  CostConfig,
  CostSource,
  DeliveryCostSourcesExtensionPoint,
} from '@internal/backstage-plugin-delivery-node';
import { OpenCostSource } from './OpenCostSource';

/**
 * Collects the cost sources: the built-in ones and those backend modules add through
 * `deliveryCostSourcesExtensionPoint`. Two sources with one id are refused, so it is never
 * a matter of start-up order which one is used.
 * @public
 */
export class CostSourceRegistry implements DeliveryCostSourcesExtensionPoint {
  private readonly sources = new Map<string, CostSource>();

  addCostSource(source: CostSource): void {
    if (this.sources.has(source.id)) {
      throw new Error(
        `A cost source with id "${source.id}" is already registered`,
      );
    }
    this.sources.set(source.id, source);
  }

  /**
   * The source `delivery.cost.source` names. Throws at start-up, naming the key and the
   * known ids, when it names none.
   */
  select(config: Pick<CostConfig, 'source'>): CostSource {
    const source = this.sources.get(config.source);
    if (!source) {
      throw new Error(
        `delivery.cost.source "${
          config.source
        }" is not a registered cost source; known: ${[
          ...this.sources.keys(),
        ].join(
          ', ',
        )} (a backend module adds others through deliveryCostSourcesExtensionPoint)`,
      );
    }
    return source;
  }
}

/**
 * The sources the Delivery plugin provides itself: `configured` always, and `opencost`
 * when `delivery.cost.opencost` is set (pricing the formula from the configured list).
 * @public
 */
export function builtInCostSources(
  config: CostConfig,
  logger: LoggerService,
): CostSource[] {
  const configured = new ConfiguredPricesSource(config.prices);
  if (!config.opencost) return [configured];
  return [
    configured,
    new OpenCostSource({ config: config.opencost, prices: configured, logger }),
  ];
}
