import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SentNotifications } from './SentNotifications';

/** The task id, for triggering it by hand. */
export const SENT_PRUNING_TASK = 'delivery-notifications-sent-pruning';

/**
 * How long a sent event is remembered: longer than any event can repeat. The longest is a
 * month's cost forecast (its key names the month, and it may be checked until the month
 * ends); 90 days leaves room for a backend that was down at the month's turn.
 */
export const SENT_RETENTION_DAYS = 90;

/** Once a day, on one replica: the events sent more than 90 days ago are forgotten. */
export async function scheduleSentPruning(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  sent: SentNotifications;
  now?: () => Date;
}): Promise<void> {
  const { scheduler, logger, sent } = options;
  await scheduler.scheduleTask({
    id: SENT_PRUNING_TASK,
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const now = options.now?.() ?? new Date();
      const cutoff = new Date(now.getTime() - SENT_RETENTION_DAYS * 86_400_000);
      const forgotten = await sent.forgetSentBefore(cutoff);
      if (forgotten)
        logger.info(
          `Delivery notifications: forgot ${forgotten} events sent before ${cutoff.toISOString()}`,
        );
    },
  });
}
