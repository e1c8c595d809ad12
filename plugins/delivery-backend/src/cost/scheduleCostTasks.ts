import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { scheduleDailySnapshots } from '../snapshots/scheduleDailySnapshots';
import { CostSnapshotWriter } from './CostSnapshotWriter';

/** Task id, for triggering it by hand (and in tests). */
export const COST_SNAPSHOT_TASK = 'delivery-cost-snapshot';

/**
 * Today's cost snapshot of every service, hourly on one replica and at start-up; after
 * each, `afterSnapshot` (the budget notifications), since a forecast can cross its budget
 * any hour a service scales, not only when a day's snapshot is written.
 */
export function scheduleCostTasks(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  snapshots: CostSnapshotWriter;
  cacheStarted: Promise<void>;
  afterSnapshot?: () => Promise<void>;
}): Promise<void> {
  const { snapshots, afterSnapshot } = options;
  return scheduleDailySnapshots({
    ...options,
    id: COST_SNAPSHOT_TASK,
    what: 'Cost snapshot',
    writeMissing: async () => {
      const written = await snapshots.writeMissingSnapshots();
      await afterSnapshot?.();
      return written;
    },
  });
}
