/*
 * How the moments of a freeze window are written, the same in a refusal, the task log
 * and on the Actions card.
 */

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
