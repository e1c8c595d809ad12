import { Config } from '@backstage/config';
import { isHttpUrl, objectAt, positive } from './configValues';

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

/**
 * How usage is observed for right-sizing (`delivery.cost.usage`): sampled from
 * metrics.k8s.io, or read from Prometheus for the clusters `prometheus` names.
 */
export interface UsageConfig {
  sampleSeconds: number;
  retentionDays: number;
  /** Absent when no cluster's usage comes from Prometheus. */
  prometheus?: PrometheusUsageConfig;
}

// A Prometheus label name (the data model's rule).
const PROMETHEUS_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PROMETHEUS_CLUSTER_KEYS = ['url', 'bearerToken', 'clusterLabel'];

/** Reads `delivery.cost.usage`, with the defaults for what it leaves unset. */
export function readUsageConfig(
  config: Config,
  clusterNames: string[],
): UsageConfig {
  return {
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
  };
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
