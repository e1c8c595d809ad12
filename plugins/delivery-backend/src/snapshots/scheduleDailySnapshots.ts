import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';

/**
 * A daily snapshot (DR readiness, cost) kept the same way:
 * - every hour, on one replica, today's snapshot of every service that has none. The first
 *   run after midnight (UTC) writes the day's; later runs write only services that joined
 *   the catalog since (or whose clusters were not read yet), so the hourly run is a daily
 *   snapshot that also catches up after a backend was down at midnight;
 * - at start-up, the same once in the background: a global scheduled task keeps its next
 *   run time across restarts, so it would not run now. A failure there is logged and the
 *   hourly task tries again.
 * Both wait for the cache's first lists, so they never record a cluster not yet read.
 */
export async function scheduleDailySnapshots(options: {
  /** Task id, for triggering it by hand (and in tests). */
  id: string;
  /** What the snapshot is, for the log: "Cost snapshot". */
  what: string;
  scheduler: SchedulerService;
  logger: LoggerService;
  cacheStarted: Promise<void>;
  writeMissing: () => Promise<unknown>;
}): Promise<void> {
  const { id, what, scheduler, logger, cacheStarted, writeMissing } = options;
  await scheduler.scheduleTask({
    id,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      await cacheStarted;
      await writeMissing();
    },
  });
  cacheStarted
    .then(writeMissing)
    .catch(error =>
      logger.error(`${what} at start-up failed: ${(error as Error).message}`),
    );
}
