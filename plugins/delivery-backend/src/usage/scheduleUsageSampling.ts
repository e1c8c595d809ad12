import { SchedulerService } from '@backstage/backend-plugin-api';
import { UsageSampler } from './UsageSampler';
import { UsageStore } from './UsageStore';

/** Task id, for triggering it by hand. */
export const USAGE_SAMPLE_TASK = 'delivery-usage-sample';

/**
 * Samples every cluster's pod usage every `sampleSeconds`, on each replica (local scope:
 * each backend keeps its own window in memory), once the cache has its first lists (pods
 * are filed under their Deployments through it). Deployments not seen for the retention
 * window are dropped.
 */
export async function scheduleUsageSampling(options: {
  scheduler: SchedulerService;
  sampler: UsageSampler;
  store: UsageStore;
  sampleSeconds: number;
  retentionMs: number;
  cacheStarted: Promise<void>;
}): Promise<void> {
  const { scheduler, sampler, store, cacheStarted } = options;
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
}
