import { Config } from '@backstage/config';
import { LABEL_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import { isHttpUrl, objectAt } from './configValues';

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

// Durations and the words OpenCost's `window` accepts; RFC3339 pairs are left out on
// purpose: a fixed range would stop moving and the "monthly" figure would go stale.
const OPENCOST_WINDOW =
  /^([1-9]\d*[mhd]|today|week|month|yesterday|lastweek|lastmonth)$/;
// A Kubernetes label key: an optional DNS subdomain prefix and a name of up to 63 chars.
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Reads `delivery.cost.opencost`; undefined when it is not set. */
export function readOpenCostConfig(
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
