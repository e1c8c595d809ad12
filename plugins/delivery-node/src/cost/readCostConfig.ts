import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { PurchaseOption } from '@internal/backstage-plugin-delivery-common';
import { LABEL_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import type { DeliveryConfig } from '../config/readDeliveryConfig';
import type { ClusterPrices } from './CostSource';
import { DEFAULT_PRICES } from './defaultPrices';

/** Prices a region or cluster sets over the ones it inherits; unset keys are inherited. @public */
export interface PriceOverride {
  vcpuHour?: number;
  gibHour?: number;
  storageGibMonth?: number;
  discounts?: { spot?: number; reserved?: number };
  purchase?: PurchaseOption;
}

/** Where OpenCost runs and how it is asked (`delivery.cost.opencost`). @public */
export interface OpenCostConfig {
  /** OpenCost's API per cluster name, e.g. `http://opencost.opencost:9003`. */
  clusters: Map<string, { baseUrl: string }>;
  /** The pod label whose value is the service id, as written on the workloads. */
  aggregateLabel: string;
  /** OpenCost window the spend is measured over, e.g. `30d`. */
  window: string;
  refreshMinutes: number;
}

/**
 * A Prometheus that holds one cluster's cAdvisor metrics
 * (`delivery.cost.usage.prometheus.clusters.<name>`). @public
 */
export interface PrometheusClusterConfig {
  /** Prometheus's base URL (its HTTP API is under `<url>/api/v1/`). */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  bearerToken?: string;
  /** The label that tells this cluster's series apart in a Prometheus holding several. */
  clusterLabel?: { name: string; value: string };
}

/** Usage read from Prometheus in place of metrics.k8s.io, for some clusters. @public */
export interface PrometheusUsageConfig {
  clusters: Map<string, PrometheusClusterConfig>;
  /** Seconds between the points a range query asks for; one poll per point. */
  stepSeconds: number;
}

/** The validated `delivery.cost` configuration. @public */
export interface CostConfig {
  /** Id of the cost source to use. */
  source: string;
  prices: {
    /** The built-in defaults with `delivery.cost.prices.default` over them. */
    default: ClusterPrices;
    /** By region (`delivery.clusters[].region`), over the default. */
    regions: Map<string, PriceOverride>;
    /** By cluster name, over its region's prices. */
    clusters: Map<string, PriceOverride>;
  };
  /** Monthly budget in US dollars by group ref (`group:<namespace>/<name>`, lowercase). */
  teamBudgets: Map<string, number>;
  /** Absent when OpenCost is not configured. */
  opencost?: OpenCostConfig;
  /**
   * How usage is observed for right-sizing: sampled from metrics.k8s.io, or read from
   * Prometheus for the clusters `prometheus` names.
   */
  usage: {
    sampleSeconds: number;
    retentionDays: number;
    /** Absent when no cluster's usage comes from Prometheus. */
    prometheus?: PrometheusUsageConfig;
  };
  /** Thresholds right-sizing uses in place of its defaults (delivery-common's policy). */
  rightSizing: { minWindowHours?: number; minSamples?: number };
}

const PRICE_KEYS = [
  'vcpuHour',
  'gibHour',
  'storageGibMonth',
  'discounts',
  'purchase',
];
const PURCHASE_OPTIONS: PurchaseOption[] = ['on-demand', 'spot', 'reserved'];
// Durations and the words OpenCost's `window` accepts; RFC3339 pairs are left out on
// purpose: a fixed range would stop moving and the "monthly" figure would go stale.
const OPENCOST_WINDOW =
  /^([1-9]\d*[mhd]|today|week|month|yesterday|lastweek|lastmonth)$/;
// A Kubernetes label key: an optional DNS subdomain prefix and a name of up to 63 chars.
// A Prometheus label name (the data model's rule).
const PROMETHEUS_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PROMETHEUS_CLUSTER_KEYS = ['url', 'bearerToken', 'clusterLabel'];
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Reads `delivery.cost`. Throws at start-up, naming the key, when a value is unusable or
 * names a cluster or region `delivery.clusters` does not have: a price that silently does
 * not apply would show every estimate of that cluster wrong.
 * @public
 */
export function readCostConfig(
  config: Config,
  delivery: Pick<DeliveryConfig, 'clusters'>,
): CostConfig {
  const clusterNames = delivery.clusters.map(c => c.name);
  const regionNames = [
    ...new Set(delivery.clusters.flatMap(c => (c.region ? [c.region] : []))),
  ];
  const source =
    config.getOptionalString('delivery.cost.source') ?? 'configured';

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

  const opencost = readOpenCostConfig(config, clusterNames);
  if (source === 'opencost' && !opencost) {
    throw new Error(
      'delivery.cost.source is opencost, but delivery.cost.opencost.clusters is not set',
    );
  }

  return {
    source,
    prices: {
      default: applyOverride(DEFAULT_PRICES, defaultOverride),
      regions,
      clusters,
    },
    teamBudgets: readTeamBudgets(
      config.getOptional('delivery.cost.teamBudgets'),
    ),
    opencost,
    usage: {
      sampleSeconds: positive(
        config,
        'delivery.cost.usage.sampleSeconds',
        300,
        5,
        3600,
      ),
      retentionDays: positive(
        config,
        'delivery.cost.usage.retentionDays',
        7,
        1,
        31,
      ),
      prometheus: readPrometheusUsageConfig(config, clusterNames),
    },
    // Only the keys set: right-sizing keeps its own default for the others.
    rightSizing: Object.fromEntries(
      (
        [
          ['minWindowHours', 0.001, 720],
          ['minSamples', 1, 100_000],
        ] as const
      )
        .filter(([name]) => config.has(`delivery.cost.rightSizing.${name}`))
        .map(([name, min, max]) => [
          name,
          positive(config, `delivery.cost.rightSizing.${name}`, 0, min, max),
        ]),
    ),
  };
}

/** A number at `key` within [min, max], or `fallback` when unset; the error names the key. */
function positive(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value >= min && value <= max))
    throw new Error(`${key} ${value} must be from ${min} to ${max}`);
  return value;
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

function readTeamBudgets(value: unknown): Map<string, number> {
  const budgets = new Map<string, number>();
  const key = 'delivery.cost.teamBudgets';
  for (const [ref, amount] of Object.entries(objectAt(value, key))) {
    const at = `${key}[${JSON.stringify(ref)}]`;
    let group: string;
    try {
      const parsed = parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new Error(`kind ${parsed.kind} is not group`);
      }
      group = stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
    } catch (error) {
      throw new Error(
        `${at} must be a group ref like group:default/payments: ${
          (error as Error).message
        }`,
      );
    }
    const usd = numberAt(amount, at);
    if (usd <= 0) {
      throw new Error(
        `${at} ${usd} must be a monthly budget in US dollars, more than 0`,
      );
    }
    if (budgets.has(group)) {
      throw new Error(`${at}: ${group} is listed twice`);
    }
    budgets.set(group, usd);
  }
  return budgets;
}

function readOpenCostConfig(
  config: Config,
  clusterNames: string[],
): OpenCostConfig | undefined {
  const opencost = config.getOptionalConfig('delivery.cost.opencost');
  if (!opencost) return undefined;
  const key = 'delivery.cost.opencost';

  const clusters = new Map<string, { baseUrl: string }>();
  for (const [name, value] of Object.entries(
    objectAt(opencost.getOptional('clusters'), `${key}.clusters`),
  )) {
    const at = `${key}.clusters.${name}`;
    if (!clusterNames.includes(name)) {
      throw new Error(
        `${at} is no cluster of delivery.clusters (known: ${
          clusterNames.join(', ') || 'none'
        })`,
      );
    }
    const baseUrl = objectAt(value, at).baseUrl;
    if (typeof baseUrl !== 'string' || !isHttpUrl(baseUrl)) {
      throw new Error(
        `${at}.baseUrl ${JSON.stringify(baseUrl)} must be an http or https URL`,
      );
    }
    clusters.set(name, { baseUrl });
  }
  if (!clusters.size) {
    throw new Error(
      `${key}.clusters must name at least one cluster and its OpenCost baseUrl`,
    );
  }

  const aggregateLabel =
    opencost.getOptionalString('aggregateLabel') ?? LABEL_KUBERNETES_ID;
  if (!LABEL_KEY.test(aggregateLabel)) {
    throw new Error(
      `${key}.aggregateLabel "${aggregateLabel}" must be a Kubernetes label key, e.g. ${LABEL_KUBERNETES_ID}`,
    );
  }
  const window = opencost.getOptionalString('window') ?? '30d';
  if (!OPENCOST_WINDOW.test(window)) {
    throw new Error(
      `${key}.window "${window}" must be a duration like 30d, 12h or 90m, or one of today, yesterday, week, lastweek, month, lastmonth`,
    );
  }
  const refreshMinutes = opencost.getOptionalNumber('refreshMinutes') ?? 60;
  if (!(refreshMinutes > 0 && refreshMinutes <= 24 * 60)) {
    throw new Error(
      `${key}.refreshMinutes ${refreshMinutes} must be more than 0 and at most 1440`,
    );
  }
  return { clusters, aggregateLabel, window, refreshMinutes };
}

function readPrometheusUsageConfig(
  config: Config,
  clusterNames: string[],
): PrometheusUsageConfig | undefined {
  const key = 'delivery.cost.usage.prometheus';
  if (!config.has(key)) return undefined;
  const prometheus = objectAt(config.getOptional(key), key);
  for (const name of Object.keys(prometheus)) {
    if (name !== 'clusters' && name !== 'stepSeconds') {
      throw new Error(
        `${key}.${name} is not a Prometheus setting; use clusters or stepSeconds`,
      );
    }
  }
  const clusters = new Map<string, PrometheusClusterConfig>();
  for (const [name, value] of Object.entries(
    objectAt(prometheus.clusters, `${key}.clusters`),
  )) {
    const at = `${key}.clusters.${name}`;
    if (!clusterNames.includes(name)) {
      throw new Error(
        `${at} is no cluster of delivery.clusters (known: ${
          clusterNames.join(', ') || 'none'
        })`,
      );
    }
    clusters.set(name, readPrometheusCluster(value, at));
  }
  if (!clusters.size) {
    throw new Error(
      `${key}.clusters must name at least one cluster and its Prometheus url`,
    );
  }
  return {
    clusters,
    stepSeconds: positive(config, `${key}.stepSeconds`, 300, 15, 3600),
  };
}

function readPrometheusCluster(
  value: unknown,
  at: string,
): PrometheusClusterConfig {
  const cluster = objectAt(value, at);
  for (const name of Object.keys(cluster)) {
    // `baseUrl` is what OpenCost's entries call it: say which key this one wants.
    if (!PROMETHEUS_CLUSTER_KEYS.includes(name)) {
      throw new Error(
        `${at}.${name} is not a Prometheus cluster setting; use ${PROMETHEUS_CLUSTER_KEYS.join(
          ', ',
        )}`,
      );
    }
  }
  const { url, bearerToken, clusterLabel } = cluster;
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    throw new Error(
      `${at}.url ${JSON.stringify(url)} must be an http or https URL`,
    );
  }
  const out: PrometheusClusterConfig = { url };
  if (bearerToken !== undefined) {
    if (typeof bearerToken !== 'string' || !bearerToken.trim()) {
      // The value is a secret: say what is wrong with it, never what it is.
      throw new Error(`${at}.bearerToken must be a non-empty string`);
    }
    out.bearerToken = bearerToken;
  }
  if (clusterLabel !== undefined) {
    const label = objectAt(clusterLabel, `${at}.clusterLabel`);
    if (
      typeof label.name !== 'string' ||
      !PROMETHEUS_LABEL_NAME.test(label.name)
    ) {
      throw new Error(
        `${at}.clusterLabel.name ${JSON.stringify(
          label.name,
        )} must be a Prometheus label name, e.g. cluster`,
      );
    }
    if (typeof label.value !== 'string' || !label.value) {
      throw new Error(
        `${at}.clusterLabel.value ${JSON.stringify(
          label.value,
        )} must be the label's value for this cluster, a non-empty string`,
      );
    }
    out.clusterLabel = { name: label.name, value: label.value };
  }
  return out;
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${key} must be a map, not ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

// Strings too: a value substituted from an environment variable arrives as one.
function numberAt(value: unknown, key: string): number {
  const number =
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new Error(`${key} ${JSON.stringify(value)} must be a number`);
  }
  return number;
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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
