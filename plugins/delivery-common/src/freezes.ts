import type { DeliveryApiSchemas } from './deliveryApi';

/*
 * Freeze windows on the wire, as the contract defines them
 * (`plugins/delivery-backend/src/schema/openapi.yaml`), and how their times are written.
 */

/** `GET /api/delivery/freezes`: per environment of a service, its freezes now and next. @public */
export type FreezesAnswer = DeliveryApiSchemas['FreezesAnswer'];

/** One environment's freezes in a FreezesAnswer. @public */
export type EnvironmentFreezes = DeliveryApiSchemas['EnvironmentFreezes'];

/** One occurrence of a freeze window, from `start` to `end` (ISO 8601, UTC). @public */
export type FreezeOccurrenceInfo = DeliveryApiSchemas['FreezeOccurrence'];

const wallClock = (date: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map(p => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

/**
 * A moment of a freeze as people read it: the wall clock in the freeze's time zone, then
 * in UTC (`2027-01-03 00:00 Europe/Berlin (2027-01-02 23:00 UTC)`); once when the zone is
 * UTC. The same words in a refusal, the task log and on the Actions card.
 * @public
 */
export function formatFreezeTime(
  moment: Date | string,
  timeZone: string,
): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  const utc = `${wallClock(date, 'UTC')} UTC`;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return utc;
  return `${wallClock(date, timeZone)} ${timeZone} (${utc})`;
}
