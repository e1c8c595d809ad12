import { Config } from '@backstage/config';

/**
 * The kinds of notification Delivery sends, each switched on or off under
 * `delivery.notifications.<kind>.enabled`.
 * @public
 */
export const DELIVERY_NOTIFICATION_KINDS = [
  'approvalRequested',
  'approvalDecided',
  'runFailed',
  'productionChange',
  'costOverBudget',
  'drGradeDropped',
] as const;

/** @public */
export type DeliveryNotificationKind =
  (typeof DELIVERY_NOTIFICATION_KINDS)[number];

/** Which kinds are on (`delivery.notifications`); every kind is on unless turned off. @public */
export type NotificationsConfig = Record<
  DeliveryNotificationKind,
  { enabled: boolean }
>;

const KIND_FIELDS = ['enabled'];

/**
 * Reads `delivery.notifications`. An unknown kind or field stops the backend at start,
 * naming the key: a misspelt kind would leave on the notifications someone meant to turn off.
 * @public
 */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  const key = 'delivery.notifications';
  const section = config.getOptionalConfig(key);
  for (const kind of section?.keys() ?? []) {
    if (!(DELIVERY_NOTIFICATION_KINDS as readonly string[]).includes(kind))
      throw new Error(
        `${key}.${kind}: not a kind of notification (${DELIVERY_NOTIFICATION_KINDS.join(
          ', ',
        )})`,
      );
    for (const field of section!.getConfig(kind).keys()) {
      if (!KIND_FIELDS.includes(field))
        throw new Error(
          `${key}.${kind}.${field}: not a field of a notification kind (${KIND_FIELDS.join(
            ', ',
          )})`,
        );
    }
  }
  return Object.fromEntries(
    DELIVERY_NOTIFICATION_KINDS.map(kind => [
      kind,
      {
        enabled: config.getOptionalBoolean(`${key}.${kind}.enabled`) ?? true,
      },
    ]),
  ) as NotificationsConfig;
}
