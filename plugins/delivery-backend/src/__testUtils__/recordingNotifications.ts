import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { mockServices } from '@backstage/backend-test-utils';
import { readNotificationsConfig } from '@internal/backstage-plugin-delivery-node';
import { ConfigReader } from '@backstage/config';
import { DeliveryNotifier } from '../notifications/DeliveryNotifier';
import { SentNotifications } from '../notifications/SentNotifications';

/**
 * A notification service that keeps what it was asked to send (tests only: what they
 * assert is whom Delivery addresses and what it says, not the notifications backend).
 */
export function recordingNotificationService() {
  const sent: NotificationSendOptions[] = [];
  let failures = 0;
  return {
    sent,
    /** The next `count` sends fail, as when the notifications backend is down. */
    failNext(count: number) {
      failures = count;
    },
    service: {
      async send(options: NotificationSendOptions) {
        if (failures > 0) {
          failures--;
          throw new Error('connect ECONNREFUSED notifications');
        }
        sent.push(options);
      },
    },
  };
}

/** A notifier over a recording service and a real record of what was sent. */
export function recordingNotifier(options: {
  sent: SentNotifications;
  notifications?: Record<string, unknown>;
}) {
  const recording = recordingNotificationService();
  const logger = mockServices.logger.mock();
  const notifier = new DeliveryNotifier({
    notifications: recording.service,
    sent: options.sent,
    config: readNotificationsConfig(
      new ConfigReader({
        delivery: { notifications: options.notifications ?? {} },
      } as any),
    ),
    logger,
  });
  return { notifier, recording, logger };
}
