import { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  OVERVIEW_SIGNAL_CHANNEL,
  OverviewSignal,
} from '@internal/backstage-plugin-delivery-common';

/**
 * Tells every open overview page that the overview changed, by broadcasting its revision on
 * `delivery:overview`: at most once per `minIntervalMs` (a busy fleet changes many times a
 * second), and only when the revision moved since the last signal. Pages then ask for the
 * changes since their own cursor. Returns how to stop.
 */
export function publishOverviewSignals(options: {
  onRevision: (listener: (revision: number) => void) => () => void;
  signals: SignalsService;
  logger: LoggerService;
  minIntervalMs?: number;
}): () => void {
  const { signals, logger, minIntervalMs = 1_000 } = options;
  let latest = -1;
  let published = -1;
  let lastAt = 0;
  let timer: NodeJS.Timeout | undefined;

  const publish = () => {
    timer = undefined;
    if (latest === published) return;
    published = latest;
    lastAt = Date.now();
    const message: OverviewSignal = { revision: latest };
    signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: OVERVIEW_SIGNAL_CHANNEL,
        message: { ...message },
      })
      .catch(error =>
        // Pages still poll: a lost signal delays a change, it does not lose it.
        logger.warn(
          `Delivery overview: the change signal could not be published: ${error}`,
        ),
      );
  };

  const unsubscribe = options.onRevision(revision => {
    latest = revision;
    if (timer) return;
    const wait = Math.max(0, lastAt + minIntervalMs - Date.now());
    timer = setTimeout(publish, wait);
    timer.unref();
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
