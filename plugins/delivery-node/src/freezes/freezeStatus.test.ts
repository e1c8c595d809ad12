import { FreezeWindow } from './FreezeWindow';
import { freezeStatus } from './freezeStatus';
import { parseFreezeWindow, WrittenFreeze } from './parseFreezeWindow';

const freeze = (written: WrittenFreeze): FreezeWindow =>
  parseFreezeWindow(
    { environments: ['production'], ...written },
    {
      keyOf: f => f,
      environments: ['staging', 'production'],
      source: 'config',
    },
  );

const at = (iso: string) => new Date(iso);
const iso = (date?: Date) => date?.toISOString();

/** Seed 003: the holiday freeze, every year from 22 December to 2 January inclusive. */
const holiday = freeze({
  name: 'Holiday freeze',
  reason: 'Holiday freeze',
  timeZone: 'Europe/Berlin',
  rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=22',
  duration: 'P12D',
});

/** Seed 003: the database maintenance window, sun:04:00-sun:05:00 UTC, for migrations. */
const databaseMaintenance = freeze({
  name: 'Database maintenance',
  actions: ['migrate'],
  timeZone: 'UTC',
  rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=4;BYMINUTE=0',
  duration: 'PT1H',
});

const production = (now: string, action?: string) => ({
  environment: 'production',
  action,
  now: at(now),
});

describe('freezeStatus', () => {
  it('outside a yearly freeze: none in force, and when the next one starts in its zone', () => {
    const status = freezeStatus([holiday], production('2026-12-06T12:00:00Z'));
    expect(status.inForce).toEqual([]);
    // 22 December 00:00 in Berlin is 21 December 23:00 UTC.
    expect(iso(status.next?.start)).toBe('2026-12-21T23:00:00.000Z');
    expect(iso(status.next?.end)).toBe('2027-01-02T23:00:00.000Z');
  });

  it('inside it, across the new year: in force until 3 January 00:00 Berlin', () => {
    const status = freezeStatus([holiday], production('2027-01-02T12:00:00Z'));
    expect(status.inForce.map(o => [o.freeze.name, iso(o.end)])).toEqual([
      ['Holiday freeze', '2027-01-02T23:00:00.000Z'],
    ]);
    // The next one is a year on, after this one lifts.
    expect(iso(status.next?.start)).toBe('2027-12-21T23:00:00.000Z');
  });

  it('is in force by the local date in Berlin while the UTC date is still the day before', () => {
    // 21 December 23:30 UTC is 22 December 00:30 in Berlin.
    expect(
      freezeStatus([holiday], production('2026-12-21T23:30:00Z')).inForce,
    ).toHaveLength(1);
    expect(
      freezeStatus([holiday], production('2026-12-21T22:30:00Z')).inForce,
    ).toHaveLength(0);
  });

  it('keeps a weekly window at its wall-clock hour across the autumn DST change', () => {
    const sunday = freeze({
      name: 'Sunday window',
      timeZone: 'Europe/Berlin',
      rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=4;BYMINUTE=0',
      duration: 'PT1H',
    });
    // The week before: 04:00 CEST is 02:00 UTC.
    expect(
      freezeStatus([sunday], production('2026-10-18T02:30:00Z')).inForce,
    ).toHaveLength(1);
    // The DST week (clocks go back on 25 October): 04:00 CET is 03:00 UTC.
    const before = freezeStatus([sunday], production('2026-10-25T02:30:00Z'));
    expect(before.inForce).toHaveLength(0);
    expect(iso(before.next?.start)).toBe('2026-10-25T03:00:00.000Z');
    const inside = freezeStatus([sunday], production('2026-10-25T03:30:00Z'));
    expect(iso(inside.inForce[0]?.end)).toBe('2026-10-25T04:00:00.000Z');
    // And back in spring (29 March 2026): 04:00 CEST is 02:00 UTC again.
    expect(
      iso(
        freezeStatus([sunday], production('2026-03-28T12:00:00Z')).next?.start,
      ),
    ).toBe('2026-03-29T02:00:00.000Z');
  });

  it('scopes the database maintenance window to migrations', () => {
    const sunday = '2026-12-06T04:15:00Z';
    const migrate = freezeStatus(
      [databaseMaintenance],
      production(sunday, 'migrate'),
    );
    expect(iso(migrate.inForce[0]?.end)).toBe('2026-12-06T05:00:00.000Z');
    expect(
      freezeStatus([databaseMaintenance], production(sunday, 'deploy')).inForce,
    ).toEqual([]);
    // The card asks for every action: the window shows, with the actions it stops.
    expect(
      freezeStatus([databaseMaintenance], production(sunday)).inForce[0]?.freeze
        .actions,
    ).toEqual(['migrate']);
    // A minute after it lifts the next is a week on.
    const after = freezeStatus(
      [databaseMaintenance],
      production('2026-12-06T05:00:00Z', 'migrate'),
    );
    expect(after.inForce).toEqual([]);
    expect(iso(after.next?.start)).toBe('2026-12-13T04:00:00.000Z');
  });

  it('applies only to the environments it names', () => {
    expect(
      freezeStatus([holiday], {
        environment: 'staging',
        now: at('2026-12-24T12:00:00Z'),
      }),
    ).toEqual({ inForce: [] });
  });

  it('a date range: in force from start to end, then never again', () => {
    const launch = freeze({
      name: 'Launch week',
      reason: 'Spring campaign',
      timeZone: 'America/New_York',
      start: '2027-03-01T09:00',
      end: '2027-03-05T17:00',
    });
    expect(
      iso(
        freezeStatus([launch], production('2026-12-06T00:00:00Z')).next?.start,
      ),
    ).toBe('2027-03-01T14:00:00.000Z');
    expect(
      iso(
        freezeStatus([launch], production('2027-03-05T21:59:00Z')).inForce[0]
          ?.end,
      ),
    ).toBe('2027-03-05T22:00:00.000Z');
    expect(freezeStatus([launch], production('2027-03-05T22:00:00Z'))).toEqual({
      inForce: [],
    });
  });

  it('names every freeze in force, the one that lifts last first, and the next after both', () => {
    const all = [holiday, databaseMaintenance];
    const status = freezeStatus(
      all,
      production('2026-12-27T04:30:00Z', 'migrate'),
    );
    expect(status.inForce.map(o => o.freeze.name)).toEqual([
      'Holiday freeze',
      'Database maintenance',
    ]);
    expect(status.next?.freeze.name).toBe('Database maintenance');
    expect(iso(status.next?.start)).toBe('2027-01-03T04:00:00.000Z');
  });

  it('a daily all-day window is always in force', () => {
    const always = freeze({
      name: 'Always',
      timeZone: 'UTC',
      rrule: 'FREQ=DAILY',
      duration: 'P1D',
    });
    for (const now of ['2026-12-06T00:00:00Z', '2031-07-15T23:59:59Z'])
      expect(freezeStatus([always], production(now)).inForce).toHaveLength(1);
  });
});
