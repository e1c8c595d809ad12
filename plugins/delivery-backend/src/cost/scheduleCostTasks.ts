import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { scheduleDailySnapshots } from '../snapshots/scheduleDailySnapshots';
import { CostService } from './CostService';

/** Task id, for triggering it by hand (and in tests). */
export const COST_SNAPSHOT_TASK = 'delivery-cost-snapshot';

/** Today's cost snapshot of every service, hourly on one replica and at start-up. */
export function scheduleCostTasks(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  cost: CostService;
  cacheStarted: Promise<void>;
}): Promise<void> {
  const { cost } = options;
  return scheduleDailySnapshots({
    ...options,
    id: COST_SNAPSHOT_TASK,
    what: 'Cost snapshot',
    writeMissing: () => cost.writeMissingSnapshots(),
  });
}
