import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CostService } from './CostService';

/** Task id, for triggering it by hand (and in tests). */
export const COST_SNAPSHOT_TASK = 'delivery-cost-snapshot';

/**
 * Every hour, on one replica: today's cost snapshot of every service that has none. The
 * first run after midnight (UTC) writes the day's; later runs write only services that
 * joined the catalog since (or whose clusters were not read yet), so the hourly run is a
 * daily snapshot that also catches up after a backend was down at midnight. It waits for
 * the cache's first lists, so it never records a cluster not yet read as costing nothing.
 */
export async function scheduleCostTasks(options: {
  scheduler: SchedulerService;
  cost: CostService;
  cacheStarted: Promise<void>;
}): Promise<void> {
  const { scheduler, cost, cacheStarted } = options;
  await scheduler.scheduleTask({
    id: COST_SNAPSHOT_TASK,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    // At start-up the plugin writes a missing snapshot itself (see writeCostSnapshotAtStart).
    initialDelay: { minutes: 5 },
    fn: async () => {
      await cacheStarted;
      await cost.writeMissingSnapshots();
    },
  });
}

/**
 * Today's snapshot at start-up, when it is missing: a global scheduled task keeps its next
 * run time across restarts, so it would not run now. In the background, once the cache
 * has its first lists; a failure is logged and the hourly task tries again.
 */
export function writeCostSnapshotAtStart(options: {
  cost: CostService;
  logger: LoggerService;
  cacheStarted: Promise<void>;
}): void {
  const { cost, logger, cacheStarted } = options;
  cacheStarted
    .then(() => cost.writeMissingSnapshots())
    .catch(error =>
      logger.error(
        `Cost snapshot at start-up failed: ${(error as Error).message}`,
      ),
    );
}
