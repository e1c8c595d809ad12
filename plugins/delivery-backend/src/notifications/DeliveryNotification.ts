import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { DeliveryNotificationKind } from '@internal/backstage-plugin-delivery-node';

/**
 * One Delivery event as a notification: whom it goes to, what it says, and the key that
 * names the event, so the same event never notifies twice.
 */
export interface DeliveryNotification {
  kind: DeliveryNotificationKind;
  /**
   * Names the event (`runFailed:<run id>`); also the payload's `scope`, so should a send be
   * repeated after an unknown outcome, the notifications backend updates the one it
   * stored instead of adding another.
   */
  dedupeKey: string;
  /** The catalog entity the event is about. */
  entityRef: string;
  /** Groups or users; the notifications backend resolves a group to its members. */
  recipients: string[];
  /** Users left out even when a recipient group has them (the requester of an approval). */
  excluded?: string[];
  payload: Omit<NotificationPayload, 'scope'>;
}
