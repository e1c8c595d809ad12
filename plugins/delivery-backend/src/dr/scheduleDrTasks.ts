import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { scheduleDailySnapshots } from '../snapshots/scheduleDailySnapshots';
import { DrReadinessService } from './DrReadinessService';

/** Task ids, for triggering them by hand (and in tests). */
export const DR_PROVIDER_READS_TASK = 'delivery-dr-provider-reads';
export const DR_SNAPSHOT_TASK = 'delivery-dr-snapshot';

/**
 * The DR background work:
 * - every minute, on every backend replica (reads only, and each replica serves its own
 *   overview from its own answers): the DR provider's answer for every service with a
 *   database, so the overview never reads a provider per page view; it waits for the
 *   cache's first lists, so it never judges a cluster not yet read;
 * - today's readiness snapshot of every service, hourly on one replica and at start-up.
 */
export async function scheduleDrTasks(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  lifecycle: LifecycleService;
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
  await scheduleDailySnapshots({
    ...options,
    id: DR_SNAPSHOT_TASK,
    what: 'DR readiness snapshot',
    writeMissing: () => dr.writeMissingSnapshots(),
  });
}
