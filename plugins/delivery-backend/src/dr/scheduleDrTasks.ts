import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DrReadinessService } from './DrReadinessService';

/** Task ids, for triggering them by hand (and in tests). */
export const DR_PROVIDER_READS_TASK = 'delivery-dr-provider-reads';
export const DR_SNAPSHOT_TASK = 'delivery-dr-snapshot';

/**
 * The DR background work:
 * - every minute, on every backend replica (reads only, and each replica serves its own
 *   overview from its own answers): the DR provider's answer for every service with a
 *   database, so the overview never reads a provider per page view;
 * - every hour, on one replica: today's readiness snapshot of every service that has none.
 *   The first run after midnight (UTC) writes the day's; later runs write only services
 *   that joined the catalog since, so the hourly run is a daily snapshot that also catches
 *   up after a backend was down at midnight.
 * Both wait for the cache's first lists, so they never judge a cluster not yet read.
 */
export async function scheduleDrTasks(options: {
  scheduler: SchedulerService;
  dr: DrReadinessService;
  cacheStarted: Promise<void>;
}): Promise<void> {
  const { scheduler, dr, cacheStarted } = options;
  await scheduler.scheduleTask({
    id: DR_PROVIDER_READS_TASK,
    scope: 'local',
    frequency: { seconds: 60 },
    timeout: { minutes: 5 },
    fn: async () => {
      await cacheStarted;
      await dr.warmProviders();
    },
  });
  await scheduler.scheduleTask({
    id: DR_SNAPSHOT_TASK,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    // At start-up the plugin writes a missing snapshot itself (see writeSnapshotAtStart).
    initialDelay: { minutes: 5 },
    fn: async () => {
      await cacheStarted;
      await dr.writeMissingSnapshots();
    },
  });
}

/**
 * Today's snapshot at start-up, when it is missing: a global scheduled task keeps its next
 * run time across restarts, so it would not run now. In the background, once the cache
 * has its first lists; a failure is logged and the hourly task tries again.
 */
export function writeSnapshotAtStart(options: {
  dr: DrReadinessService;
  logger: LoggerService;
  cacheStarted: Promise<void>;
}): void {
  const { dr, logger, cacheStarted } = options;
  cacheStarted
    .then(() => dr.writeMissingSnapshots())
    .catch(error =>
      logger.error(
        `DR readiness snapshot at start-up failed: ${(error as Error).message}`,
      ),
    );
}
