import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type {
  ClusterConnection,
  CostConfig,
} from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from '../cache/ClusterCache';
import { PrometheusUsageReader } from './PrometheusUsageReader';
import { scheduleUsageSampling } from './scheduleUsageSampling';
import { UsageSampler } from './UsageSampler';
import { UsageStore } from './UsageStore';

const DAY_SECONDS = 86_400;

/**
 * Usage for right-sizing, on every replica (each keeps its own window): the clusters under
 * `delivery.cost.usage.prometheus` read from Prometheus, the others sampled from
 * metrics.k8s.io. The store keeps as many polls per Deployment as the finer of the two
 * intervals gives over the retention window. Undefined without a cluster cache: then no
 * usage is collected and the Cost answer has no right-sizing.
 */
export async function startUsageCollection(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  connections: ClusterConnection[];
  cache: ClusterCache | undefined;
  usage: CostConfig['usage'];
  cacheStarted: Promise<void>;
}): Promise<UsageStore | undefined> {
  const { cache, usage, logger } = options;
  if (!cache) return undefined;
  const prometheus = usage.prometheus;
  const sampled = options.connections.filter(
    c => !prometheus?.clusters.has(c.name),
  );
  for (const name of prometheus?.clusters.keys() ?? []) {
    if (!options.connections.some(c => c.name === name))
      logger.warn(
        `Delivery usage: delivery.cost.usage.prometheus.clusters.${name} has no Kubernetes connection; its pods cannot be matched to Deployments, so its usage is not read`,
      );
  }

  const retentionSeconds = usage.retentionDays * DAY_SECONDS;
  const pollsPerDeployment = [
    // Without Prometheus every cluster is sampled, catalog-located ones found later too.
    sampled.length || !prometheus
      ? Math.ceil(retentionSeconds / usage.sampleSeconds)
      : 0,
    // One point at each end of the window.
    prometheus ? Math.floor(retentionSeconds / prometheus.stepSeconds) + 1 : 0,
  ];
  const store = new UsageStore({
    retentionMs: retentionSeconds * 1000,
    maxPolls: Math.max(1, ...pollsPerDeployment),
  });
  await scheduleUsageSampling({
    scheduler: options.scheduler,
    sampler: new UsageSampler({
      connections: options.connections,
      // Filtered per sampling: catalog-located clusters join the list after start-up.
      sampled: c => !prometheus?.clusters.has(c.name),
      cache,
      store,
      logger,
    }),
    store,
    sampleSeconds: usage.sampleSeconds,
    retentionMs: retentionSeconds * 1000,
    cacheStarted: options.cacheStarted,
    prometheus: prometheus && {
      reader: new PrometheusUsageReader({
        config: prometheus,
        cache,
        store,
        logger,
      }),
      stepSeconds: prometheus.stepSeconds,
    },
  });
  return store;
}
