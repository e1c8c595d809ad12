import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';

/** Start-up passes at most: ten minutes for a fresh catalog to list its services. */
export const START_UP_PASSES = 10;

/**
 * A daily snapshot (DR readiness, cost) kept the same way:
 * - every hour, on one replica, today's snapshot of every service that has none. The first
 *   run after midnight (UTC) writes the day's; later runs write only services that joined
 *   the catalog since (or whose clusters were not read yet), so the hourly run is a daily
 *   snapshot that also catches up after a backend was down at midnight;
 * - at start-up, the same in the background: a global scheduled task keeps its next run
 *   time across restarts, so it would not run now. On a fresh database the catalog may
 *   still be ingesting (nothing to write yet), so while a pass writes nothing it is tried
 *   again every minute, {@link START_UP_PASSES} times at most. A failure there is logged
 *   and the hourly task tries again.
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
  /** Writes today's missing snapshots; returns how many it wrote. */
  writeMissing: () => Promise<number>;
  lifecycle: LifecycleService;
  /** Between start-up passes; a minute unless a test says otherwise. */
  retryMs?: number;
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
  let stopped = false;
  let wake: (() => void) | undefined;
  let writing: Promise<number> | undefined;
  // Stopping waits for a pass that is writing: it writes to the plugin's database, which
  // is closed once every plugin has stopped. A pass still waiting for the cache never starts.
  options.lifecycle.addShutdownHook(async () => {
    stopped = true;
    wake?.();
    // Its failure is the pass's to log.
    await writing?.catch(() => undefined);
  });
  const pass = async (left: number): Promise<void> => {
    if (stopped) return;
    writing = writeMissing();
    if ((await writing) > 0 || left <= 1) return;
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, options.retryMs ?? 60_000);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await pass(left - 1);
  };
  cacheStarted
    .then(() => pass(START_UP_PASSES))
    .catch(error =>
      logger.error(`${what} at start-up failed: ${(error as Error).message}`),
    );
}
