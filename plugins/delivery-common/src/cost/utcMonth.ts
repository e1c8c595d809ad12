/**
 * Calendar arithmetic for budgets, in UTC: a cost month is a calendar month in UTC, and a
 * daily snapshot is one UTC day. The clock is never read; callers pass `now`.
 */
import { CostInputError } from './errors';

/** A calendar day in UTC; month 1-12. */
export interface UtcDay {
  year: number;
  month: number;
  day: number;
}

/** 28 to 31; February has 29 in leap years (Date.UTC knows the Gregorian rules). */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-02`: how budgets and forecasts name a month. */
export function monthKey(day: Pick<UtcDay, 'year' | 'month'>): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}`;
}

/** The UTC calendar day `now` falls on. */
export function utcDayOf(now: Date, field = 'now'): UtcDay {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new CostInputError(field, 'is not a valid time');
  }
  return {
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    day: now.getUTCDate(),
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` date that exists on the calendar (no 2026-02-29, no 2026-04-31). */
export function parseUtcDay(text: string, field: string): UtcDay {
  const match = DATE.exec(String(text));
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0];
  if (
    !match ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new CostInputError(
      field,
      `"${text}" is not a calendar date; write YYYY-MM-DD such as 2026-02-28`,
    );
  }
  return { year, month, day };
}
