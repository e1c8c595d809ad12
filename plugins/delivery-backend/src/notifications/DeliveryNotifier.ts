import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationsConfig } from '@internal/backstage-plugin-delivery-node';
import { DeliveryNotification } from './DeliveryNotification';
import { SentNotifications } from './SentNotifications';

/**
 * Sends Delivery's notifications through the notifications backend: only kinds turned on
 * in `delivery.notifications`, each event once (claimed in {@link SentNotifications} before
 * it is sent). Never throws: a notification that cannot be sent is logged, and the deploy,
 * approval or snapshot that caused it goes on as if nothing happened.
 */
export class DeliveryNotifier {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      sent: SentNotifications;
      config: NotificationsConfig;
      logger: LoggerService;
    },
  ) {}

  /** Whether a kind is on: callers skip the work of building one that is off. */
  enabled(kind: DeliveryNotification['kind']): boolean {
    return this.deps.config[kind].enabled;
  }

  /** Sends it unless its kind is off, it has nobody to go to, or it was sent before. */
  async notify(notification: DeliveryNotification): Promise<void> {
    const { notifications, sent, logger } = this.deps;
    const { kind, dedupeKey, entityRef, recipients, excluded } = notification;
    if (!this.enabled(kind) || recipients.length === 0) return;
    let claimed = false;
    try {
      claimed = await sent.claim({ dedupeKey, kind, entityRef, recipients });
      if (!claimed) return;
      await notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(excluded?.length ? { excludeEntityRef: excluded } : {}),
        },
        payload: { ...notification.payload, scope: dedupeKey },
      });
    } catch (error) {
      logger.warn(
        `Delivery notification ${dedupeKey} to ${recipients.join(
          ', ',
        )} was not sent: ${(error as Error).message}`,
        { kind, entityRef },
      );
      // The event was not notified: its next occurrence (a retried request, the next
      // tick) may try again.
      if (claimed)
        await sent
          .release(dedupeKey)
          .catch(releaseError =>
            logger.warn(
              `Delivery notification ${dedupeKey}: could not forget the failed send: ${releaseError}`,
            ),
          );
    }
  }
}
