import { ConfigReader, JsonObject } from '@backstage/config';
import { readDeliveryConfig } from './readDeliveryConfig';

const weekly = {
  name: 'Tuesday batch',
  environments: ['production'],
  timeZone: 'Europe/Berlin',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=2;BYMINUTE=0',
  duration: 'PT2H',
};

/** readDeliveryConfig with `delivery.freezes` set to a valid freeze, then `freeze`. */
const read = (freeze: Record<string, JsonObject[string] | undefined>) =>
  readDeliveryConfig(
    new ConfigReader({
      delivery: { freezes: [weekly, freeze as JsonObject] },
    }),
  );

describe('delivery.freezes', () => {
  it('reads a date range and a recurring freeze, every action unless scoped', () => {
    const config = read({
      name: 'Database maintenance',
      environments: ['production'],
      actions: ['migrate'],
      timeZone: 'UTC',
      rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=4;BYMINUTE=0',
      duration: 'PT1H',
    });
    expect(config.freezes).toEqual([
      {
        name: 'Tuesday batch',
        timeZone: 'Europe/Berlin',
        environments: ['production'],
        actions: [
          'deploy',
          'scale',
          'rollback',
          'promote',
          'abort',
          'retry',
          'migrate',
        ],
        source: 'config',
        schedule: {
          kind: 'recurring',
          rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=2;BYMINUTE=0',
          duration: 'PT2H',
        },
      },
      expect.objectContaining({
        name: 'Database maintenance',
        actions: ['migrate'],
        timeZone: 'UTC',
      }),
    ]);
    expect(
      read({
        name: 'Holiday freeze',
        reason: 'Holiday freeze',
        environments: ['staging', 'production'],
        timeZone: 'Europe/Berlin',
        start: '2026-12-22',
        end: '2027-01-03T00:00',
      }).freezes[1],
    ).toMatchObject({
      reason: 'Holiday freeze',
      schedule: { kind: 'range', start: '2026-12-22', end: '2027-01-03T00:00' },
    });
  });

  it.each([
    [
      'a rule that is not RFC 5545',
      { ...weekly, name: 'x', rrule: 'FREQ=FORTNIGHTLY' },
      'delivery.freezes[1].rrule: "FREQ=FORTNIGHTLY" is not an RFC 5545 RRULE',
    ],
    [
      'a rule without FREQ',
      { ...weekly, name: 'x', rrule: 'BYDAY=TU;BYHOUR=2' },
      'delivery.freezes[1].rrule: "BYDAY=TU;BYHOUR=2" has no FREQ',
    ],
    [
      'an hour that does not exist',
      { ...weekly, name: 'x', rrule: 'FREQ=DAILY;BYHOUR=25' },
      'delivery.freezes[1].rrule: BYHOUR=25 is out of range (0 to 23)',
    ],
    [
      'a weekly rule with nothing to anchor its day',
      { ...weekly, name: 'x', rrule: 'FREQ=WEEKLY;BYHOUR=2' },
      'delivery.freezes[1].rrule: FREQ=WEEKLY needs BYDAY',
    ],
    [
      'an interval without a start',
      { ...weekly, name: 'x', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU' },
      'delivery.freezes[1].rrule: INTERVAL and COUNT count from the first occurrence: give start as well',
    ],
    [
      'a rule with its own DTSTART',
      {
        ...weekly,
        name: 'x',
        rrule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
      },
      'delivery.freezes[1].rrule: write the first occurrence as start',
    ],
    [
      'a rule without a duration',
      { ...weekly, name: 'x', duration: undefined },
      'delivery.freezes[1].duration: is required with rrule',
    ],
    [
      'a duration that is not ISO 8601',
      { ...weekly, name: 'x', duration: '2h' },
      'delivery.freezes[1].duration: "2h" must be a positive ISO 8601 duration',
    ],
    [
      'a time zone that is not IANA',
      { ...weekly, name: 'x', timeZone: 'CEST' },
      'delivery.freezes[1].timeZone: "CEST" is not an IANA time zone',
    ],
    [
      'no time zone',
      { ...weekly, name: 'x', timeZone: undefined },
      'delivery.freezes[1].timeZone: is required',
    ],
    [
      'an end before the start',
      {
        name: 'x',
        environments: ['production'],
        timeZone: 'UTC',
        start: '2027-01-02T00:00',
        end: '2026-12-22T00:00',
      },
      'delivery.freezes[1].end: 2026-12-22T00:00 is not after start 2027-01-02T00:00',
    ],
    [
      'a start with an offset',
      {
        name: 'x',
        environments: ['production'],
        timeZone: 'Europe/Berlin',
        start: '2026-12-22T00:00+01:00',
        end: '2027-01-02T00:00',
      },
      'delivery.freezes[1].start: "2026-12-22T00:00+01:00" must be a local date-time such as 2026-12-22T00:00 (no offset: it is read in Europe/Berlin)',
    ],
    [
      'a range without an end',
      {
        name: 'x',
        environments: ['production'],
        timeZone: 'UTC',
        start: '2026-12-22',
      },
      'delivery.freezes[1].end: a freeze is either a date range (start and end) or recurring (rrule and duration)',
    ],
    [
      'an end with a rule',
      { ...weekly, name: 'x', end: '2026-12-22' },
      'delivery.freezes[1].end: a recurring freeze lasts its duration',
    ],
    [
      'an environment that is not configured',
      { ...weekly, name: 'x', environments: ['prod'] },
      'delivery.freezes[1].environments: "prod" is not one of delivery.environments (staging, production)',
    ],
    [
      'no environments',
      { ...weekly, name: 'x', environments: undefined },
      'delivery.freezes[1].environments: is required',
    ],
    [
      'failover',
      { ...weekly, name: 'x', actions: ['deploy', 'failover'] },
      'delivery.freezes[1].actions: failover cannot be frozen: disaster recovery must work during a freeze',
    ],
    [
      'an unknown action',
      { ...weekly, name: 'x', actions: ['restart'] },
      'delivery.freezes[1].actions: "restart" is not an action a freeze stops',
    ],
    [
      'an unknown key',
      { ...weekly, name: 'x', ends: '2026-12-22' },
      'delivery.freezes[1].ends: not a field of a freeze',
    ],
    [
      'a name used twice',
      weekly,
      'delivery.freezes[1].name: "Tuesday batch" names another freeze too',
    ],
    [
      'no name',
      { ...weekly, name: undefined },
      'delivery.freezes[1].name: is required',
    ],
  ])(
    'stops the backend at start on %s, naming the key',
    (_, freeze, message) => {
      expect(() => read(freeze)).toThrow(message);
    },
  );
});
