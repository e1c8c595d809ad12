import { readFreezeAnnotation } from './readFreezeAnnotation';

const environments = ['staging', 'production'];

describe('readFreezeAnnotation', () => {
  it('reads one freeze a line, with the keys of delivery.freezes', () => {
    const freezes = readFreezeAnnotation(
      {
        'delivery/freeze': [
          'name=Launch week | environments=production | timeZone=Europe/Berlin | start=2027-03-01T00:00 | end=2027-03-08T00:00 | reason=Spring launch',
          '',
          '  name=Reports | environments=staging,production | actions=deploy,migrate | timeZone=UTC | rrule=FREQ=WEEKLY;BYDAY=MO;BYHOUR=6 | duration=PT2H  ',
        ].join('\n'),
      },
      environments,
    );
    expect(freezes).toEqual([
      {
        name: 'Launch week',
        reason: 'Spring launch',
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
        source: 'annotation',
        schedule: {
          kind: 'range',
          start: '2027-03-01T00:00',
          end: '2027-03-08T00:00',
        },
      },
      {
        name: 'Reports',
        timeZone: 'UTC',
        environments: ['staging', 'production'],
        actions: ['deploy', 'migrate'],
        source: 'annotation',
        schedule: {
          kind: 'recurring',
          rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=6',
          duration: 'PT2H',
        },
      },
    ]);
  });

  it('has none without the annotation', () => {
    expect(readFreezeAnnotation({}, environments)).toEqual([]);
    expect(readFreezeAnnotation(undefined, environments)).toEqual([]);
  });

  it.each([
    [
      'name=x | environments=production | timeZone=UTC | rrule=FREQ=DAILY',
      'delivery/freeze annotation, line 1, duration: is required with rrule',
    ],
    [
      'name=x | environments=prod | timeZone=UTC | rrule=FREQ=DAILY | duration=PT1H',
      'delivery/freeze annotation, line 1, environments: "prod" is not one of delivery.environments',
    ],
    [
      'name=x | environments=production | timeZone=Mars/Olympus | rrule=FREQ=DAILY | duration=PT1H',
      'delivery/freeze annotation, line 1, timeZone: "Mars/Olympus" is not an IANA time zone',
    ],
    [
      'name=x | timeZone=UTC | environments=production, rrule=FREQ=DAILY',
      'delivery/freeze annotation, line 1, environments: "rrule=FREQ=DAILY" is not one of delivery.environments',
    ],
    [
      'name=x | production',
      'delivery/freeze annotation, line 1: "production" is not key=value (fields are separated by " | ")',
    ],
    [
      'name=x | until=2027-01-01',
      'delivery/freeze annotation, line 1: until is not a field of a freeze',
    ],
    [
      'name=x | name=y',
      'delivery/freeze annotation, line 1: name is given twice',
    ],
  ])(
    'refuses %p, naming the annotation, the line and the field',
    (value, message) => {
      expect(() =>
        readFreezeAnnotation({ 'delivery/freeze': value }, environments),
      ).toThrow(message);
    },
  );
});
