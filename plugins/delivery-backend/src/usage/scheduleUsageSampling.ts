import { SchedulerService } from '@backstage/backend-plugin-api';
import {
  PROMETHEUS_QUERY_TIMEOUT_MS,
  PrometheusUsageReader,
} from './PrometheusUsageReader';
import { UsageSampler } from './UsageSampler';
import { UsageStore } from './UsageStore';

/** Task id, for triggering it by hand. */
export const USAGE_SAMPLE_TASK = 'delivery-usage-sample';
/** Task id of the Prometheus reads, for triggering them by hand. */
export const USAGE_PROMETHEUS_TASK = 'delivery-usage-prometheus';

/**
 * Samples the sampled clusters' pod usage every `sampleSeconds`, on each replica (local
 * scope: each backend keeps its own window in memory), once the cache has its first lists
 * (pods are filed under their Deployments through it). Deployments not seen for the
 * retention window are dropped.
 *
 * With `prometheus`, its clusters are read every step on each replica too, the first run
 * (at start-up) backfilling the window.
 */
export async function scheduleUsageSampling(options: {
  scheduler: SchedulerService;
  sampler: UsageSampler;
  store: UsageStore;
  sampleSeconds: number;
  retentionMs: number;
  cacheStarted: Promise<void>;
  prometheus?: { reader: PrometheusUsageReader; stepSeconds: number };
}): Promise<void> {
  const { scheduler, sampler, store, cacheStarted, prometheus } = options;
  await scheduler.scheduleTask({
    id: USAGE_SAMPLE_TASK,
    scope: 'local',
    frequency: { seconds: options.sampleSeconds },
    timeout: { seconds: Math.max(30, options.sampleSeconds) },
    fn: async () => {
      await cacheStarted;
      const now = Date.now();
      await sampler.sampleAll(now);
      store.prune(now - options.retentionMs);
    },
  });
  if (!prometheus) return;
  await scheduler.scheduleTask({
    id: USAGE_PROMETHEUS_TASK,
    scope: 'local',
    frequency: { seconds: prometheus.stepSeconds },
    // Both queries of every cluster run side by side, each bounded by the query timeout.
    timeout: {
      seconds: Math.max(
        prometheus.stepSeconds,
        (PROMETHEUS_QUERY_TIMEOUT_MS / 1000) * 2,
      ),
    },
    fn: async () => {
      await cacheStarted;
      await prometheus.reader.readAll(Date.now());
    },
  });
}
