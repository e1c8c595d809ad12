import { DateTime, Duration } from 'luxon';
import { RRule } from 'rrule';
import { FreezeOccurrence, FreezeWindow } from './FreezeWindow';

/*
 * Recurring freezes are expanded by rrule in "floating" time: a JavaScript Date whose UTC
 * fields are the wall clock in the freeze's zone, which is how rrule's documentation says
 * to get local times without its TZID support. Each occurrence is then placed in the zone
 * by luxon, so 02:00 on a Tuesday stays 02:00 local on both sides of a DST change (a
 * local time that does not exist, in the spring gap, moves forward by the gap).
 */

const floating = (local: DateTime): Date =>
  new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
    ),
  );

const placed = (wallClock: Date, zone: string): DateTime =>
  DateTime.fromObject(
    {
      year: wallClock.getUTCFullYear(),
      month: wallClock.getUTCMonth() + 1,
      day: wallClock.getUTCDate(),
      hour: wallClock.getUTCHours(),
      minute: wallClock.getUTCMinutes(),
      second: wallClock.getUTCSeconds(),
    },
    { zone },
  );

/**
 * The freeze's occurrences that may overlap `[from, to]`, in start order. A rule without a
 * start is anchored at 1 January of the year before the earliest one that can matter:
 * parseFreezeWindow allows such a rule only when it does not count from its first
 * occurrence (no INTERVAL, COUNT or weekly rule without BYDAY), so the anchor changes
 * nothing but how far rrule has to count.
 */
export function freezeOccurrencesBetween(
  freeze: FreezeWindow,
  from: Date,
  to: Date,
): FreezeOccurrence[] {
  const zone = freeze.timeZone;
  const { schedule } = freeze;
  if (schedule.kind === 'range') {
    const start = DateTime.fromISO(schedule.start, { zone }).toJSDate();
    const end = DateTime.fromISO(schedule.end, { zone }).toJSDate();
    return end > from && start <= to ? [{ freeze, start, end }] : [];
  }
  const duration = Duration.fromISO(schedule.duration);
  // A day either side covers the difference between wall clock and UTC.
  const earliest = DateTime.fromJSDate(from, { zone })
    .minus(duration)
    .minus({ days: 1 });
  const latest = DateTime.fromJSDate(to, { zone }).plus({ days: 1 });
  const anchor = schedule.start
    ? DateTime.fromISO(schedule.start, { zone })
    : earliest.minus({ years: 1 }).startOf('year');
  const rule = new RRule({
    ...RRule.parseString(schedule.rrule.replace(/^RRULE:/i, '')),
    dtstart: floating(anchor),
  });
  return rule
    .between(floating(earliest), floating(latest), true)
    .map(wallClock => {
      const start = placed(wallClock, zone);
      return {
        freeze,
        start: start.toJSDate(),
        end: start.plus(duration).toJSDate(),
      };
    })
    .filter(o => o.end > from && o.start <= to);
}

/** The occurrences of `freeze` in force at `now`: started at or before it, not yet ended. */
export function freezeOccurrencesAt(
  freeze: FreezeWindow,
  now: Date,
): FreezeOccurrence[] {
  return freezeOccurrencesBetween(freeze, now, now).filter(
    o => o.start <= now && now < o.end,
  );
}

/**
 * The first occurrence of `freeze` that starts at or after `after`; undefined when there is
 * none (a date range in the past, a rule that has ended). Looks ahead a year at a time, up
 * to `horizonYears`, so a yearly freeze is found and a rule that never matches again ends.
 */
export function nextFreezeOccurrence(
  freeze: FreezeWindow,
  after: Date,
  horizonYears = 2,
): FreezeOccurrence | undefined {
  if (freeze.schedule.kind === 'range') {
    const [occurrence] = freezeOccurrencesBetween(freeze, after, after);
    const start = DateTime.fromISO(freeze.schedule.start, {
      zone: freeze.timeZone,
    }).toJSDate();
    if (start < after) return undefined;
    return (
      occurrence ?? {
        freeze,
        start,
        end: DateTime.fromISO(freeze.schedule.end, {
          zone: freeze.timeZone,
        }).toJSDate(),
      }
    );
  }
  let from = after;
  for (let year = 0; year < horizonYears; year++) {
    const to = DateTime.fromJSDate(from).plus({ years: 1 }).toJSDate();
    const found = freezeOccurrencesBetween(freeze, from, to).find(
      o => o.start >= after,
    );
    if (found) return found;
    from = to;
  }
  return undefined;
}
