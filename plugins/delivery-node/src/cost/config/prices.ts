import { Config } from '@backstage/config';
import type { PurchaseOption } from '@internal/backstage-plugin-delivery-common';
import type { DeliveryConfig } from '../../config/readDeliveryConfig';
import type { ClusterPrices } from '../CostSource';
import { DEFAULT_PRICES } from '../defaultPrices';
import { numberAt, objectAt } from './configValues';

/** Prices a region or cluster sets over the ones it inherits; unset keys are inherited. @public */
export interface PriceOverride {
  vcpuHour?: number;
  gibHour?: number;
  storageGibMonth?: number;
  discounts?: { spot?: number; reserved?: number };
  purchase?: PurchaseOption;
}

/** The validated `delivery.cost.prices`. */
export interface PricesConfig {
  /** The built-in defaults with `delivery.cost.prices.default` over them. */
  default: ClusterPrices;
  /** By region (`delivery.clusters[].region`), over the default. */
  regions: Map<string, PriceOverride>;
  /** By cluster name, over its region's prices. */
  clusters: Map<string, PriceOverride>;
}

const PRICE_KEYS = [
  'vcpuHour',
  'gibHour',
  'storageGibMonth',
  'discounts',
  'purchase',
];
const PURCHASE_OPTIONS: PurchaseOption[] = ['on-demand', 'spot', 'reserved'];

/**
 * Reads `delivery.cost.prices`: the default list, and overrides by region and by cluster,
 * each of which must be a region or cluster `delivery.clusters` has.
 */
export function readPricesConfig(
  config: Config,
  delivery: Pick<DeliveryConfig, 'clusters'>,
): PricesConfig {
  const clusterNames = delivery.clusters.map(c => c.name);
  const regionNames = [
    ...new Set(delivery.clusters.flatMap(c => (c.region ? [c.region] : []))),
  ];
  const prices = objectAt(
    config.getOptional('delivery.cost.prices'),
    'delivery.cost.prices',
  );
  const defaultOverride = prices.default
    ? readPriceOverride(prices.default, 'delivery.cost.prices.default')
    : {};
  for (const key of Object.keys(prices)) {
    if (!['default', 'regions', 'clusters'].includes(key)) {
      throw new Error(
        `delivery.cost.prices.${key} is not a price setting; use default, regions or clusters`,
      );
    }
  }
  const regions = readOverrides(
    prices.regions,
    'delivery.cost.prices.regions',
    regionNames,
    'region of delivery.clusters',
  );
  const clusters = readOverrides(
    prices.clusters,
    'delivery.cost.prices.clusters',
    clusterNames,
    'cluster of delivery.clusters',
  );
  return {
    default: applyOverride(DEFAULT_PRICES, defaultOverride),
    regions,
    clusters,
  };
}

/** `base` with the override's keys over it. @public */
export function applyOverride(
  base: ClusterPrices,
  override: PriceOverride | undefined,
): ClusterPrices {
  if (!override) return base;
  return {
    vcpuHour: override.vcpuHour ?? base.vcpuHour,
    gibHour: override.gibHour ?? base.gibHour,
    storageGibMonth: override.storageGibMonth ?? base.storageGibMonth,
    discounts: {
      spot: override.discounts?.spot ?? base.discounts.spot,
      reserved: override.discounts?.reserved ?? base.discounts.reserved,
    },
    purchase: override.purchase ?? base.purchase,
  };
}

function readOverrides(
  value: unknown,
  key: string,
  known: string[],
  what: string,
): Map<string, PriceOverride> {
  const overrides = new Map<string, PriceOverride>();
  for (const [name, prices] of Object.entries(objectAt(value, key))) {
    if (!known.includes(name)) {
      throw new Error(
        `${key}.${name} is no ${what} (known: ${known.join(', ') || 'none'})`,
      );
    }
    overrides.set(name, readPriceOverride(prices, `${key}.${name}`));
  }
  return overrides;
}

function readPriceOverride(value: unknown, key: string): PriceOverride {
  const prices = objectAt(value, key);
  for (const name of Object.keys(prices)) {
    if (!PRICE_KEYS.includes(name)) {
      throw new Error(
        `${key}.${name} is not a price setting; use ${PRICE_KEYS.join(', ')}`,
      );
    }
  }
  const override: PriceOverride = {};
  for (const name of ['vcpuHour', 'gibHour', 'storageGibMonth'] as const) {
    if (prices[name] !== undefined) {
      override[name] = dollarsAt(prices[name], `${key}.${name}`);
    }
  }
  if (prices.discounts !== undefined) {
    const discounts = objectAt(prices.discounts, `${key}.discounts`);
    override.discounts = {};
    for (const [name, fraction] of Object.entries(discounts)) {
      if (name !== 'spot' && name !== 'reserved') {
        throw new Error(
          `${key}.discounts.${name} is not a discount; use spot or reserved`,
        );
      }
      override.discounts[name] = fractionAt(
        fraction,
        `${key}.discounts.${name}`,
      );
    }
  }
  if (prices.purchase !== undefined) {
    const purchase = prices.purchase as PurchaseOption;
    if (!PURCHASE_OPTIONS.includes(purchase)) {
      throw new Error(
        `${key}.purchase ${JSON.stringify(
          prices.purchase,
        )} must be on-demand, spot or reserved`,
      );
    }
    override.purchase = purchase;
  }
  return override;
}

function dollarsAt(value: unknown, key: string): number {
  const dollars = numberAt(value, key);
  if (dollars < 0) {
    throw new Error(
      `${key} ${dollars} must be a price in US dollars, 0 or more`,
    );
  }
  return dollars;
}

function fractionAt(value: unknown, key: string): number {
  const fraction = numberAt(value, key);
  if (fraction < 0 || fraction >= 1) {
    throw new Error(
      `${key} ${fraction} must be a fraction from 0 up to but not including 1 (0.7 = 70 % off)`,
    );
  }
  return fraction;
}
