import { mockServices } from '@backstage/backend-test-utils';
import { publishOverviewSignals } from './publishOverviewSignals';

describe('publishOverviewSignals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('signals the latest revision at most once a second, and only when it moved', async () => {
    const revisions: number[] = [];
    let tell: (revision: number) => void = () => {};
    const stop = publishOverviewSignals({
      onRevision: listener => {
        tell = listener;
        return () => {};
      },
      signals: {
        async publish(signal) {
          revisions.push(Number(signal.message.revision));
        },
      },
      logger: mockServices.logger.mock(),
    });

    // A burst of changes: the first is told at once, the rest once, a second later.
    tell(1);
    jest.advanceTimersByTime(0);
    tell(2);
    tell(3);
    tell(4);
    jest.advanceTimersByTime(999);
    expect(revisions).toEqual([1]);
    jest.advanceTimersByTime(1);
    expect(revisions).toEqual([1, 4]);

    // Nothing moved: nothing told.
    jest.advanceTimersByTime(5_000);
    expect(revisions).toEqual([1, 4]);
    stop();
  });

  it('keeps going when a signal cannot be published', async () => {
    const logger = mockServices.logger.mock();
    let tell: (revision: number) => void = () => {};
    let attempts = 0;
    publishOverviewSignals({
      onRevision: listener => {
        tell = listener;
        return () => {};
      },
      signals: {
        async publish() {
          attempts++;
          throw new Error('no events bus');
        },
      },
      logger,
    });
    tell(1);
    jest.advanceTimersByTime(0);
    await Promise.resolve();
    tell(2);
    jest.advanceTimersByTime(1_000);
    await Promise.resolve();
    expect(attempts).toBe(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('no events bus'),
    );
  });
});
