import { mockServices } from '@backstage/backend-test-utils';
import {
  scheduleDailySnapshots,
  START_UP_PASSES,
} from './scheduleDailySnapshots';

/**
 * Runs the start-up passes to their end: each retry waits on a timer, so once no timer is
 * left (and the promises between them have settled) no pass is still to come.
 */
const settle = () => jest.runAllTimersAsync();

function start(writeMissing: () => Promise<number>) {
  const shutdownHooks: Array<() => void> = [];
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler.mock();
  const done = scheduleDailySnapshots({
    id: 'test-snapshot',
    what: 'Test snapshot',
    scheduler,
    logger,
    lifecycle: {
      addStartupHook: () => {},
      addShutdownHook: (hook: () => void) => {
        shutdownHooks.push(hook);
      },
    } as any,
    cacheStarted: Promise.resolve(),
    writeMissing,
    retryMs: 1,
  });
  return {
    done,
    logger,
    scheduler,
    shutdown: () => shutdownHooks.forEach(h => h()),
  };
}

describe('daily snapshots at start-up', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('schedules the hourly task on one replica', async () => {
    const { done, scheduler } = start(async () => 1);
    await done;
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'test-snapshot',
        scope: 'global',
        frequency: { hours: 1 },
      }),
    );
  });

  it('tries again while a fresh catalog has nothing to write, and stops once it wrote', async () => {
    const written = [0, 0, 4];
    const writeMissing = jest.fn(async () => written.shift() ?? 0);
    start(writeMissing);
    await settle();
    expect(writeMissing).toHaveBeenCalledTimes(3);
  });

  it('gives up after ten passes that write nothing (everything written already)', async () => {
    const writeMissing = jest.fn(async () => 0);
    start(writeMissing);
    await settle();
    expect(writeMissing).toHaveBeenCalledTimes(START_UP_PASSES);
  });

  it('stops trying when the backend shuts down', async () => {
    const writeMissing = jest.fn(async () => 0);
    const { done, shutdown } = start(writeMissing);
    await done;
    shutdown();
    await settle();
    expect(writeMissing.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('logs a failure and leaves the rest to the hourly task', async () => {
    const writeMissing = jest.fn(async () => {
      throw new Error('database is locked');
    });
    const { logger } = start(writeMissing);
    await settle();
    expect(writeMissing).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      'Test snapshot at start-up failed: database is locked',
    );
  });
});
