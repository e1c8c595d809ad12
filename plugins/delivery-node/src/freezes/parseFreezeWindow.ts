import { DateTime, Duration, IANAZone } from 'luxon';
import { RRule } from 'rrule';
import {
  FREEZABLE_ACTIONS,
  FreezableAction,
  FreezeSchedule,
  FreezeWindow,
} from './FreezeWindow';

/** The fields a freeze is written with, in config and in the annotation alike. */
export const FREEZE_FIELDS = [
  'name',
  'reason',
  'timeZone',
  'environments',
  'actions',
  'start',
  'end',
  'rrule',
  'duration',
] as const;

/** A freeze as written, before it is checked: each field a string or a list of strings. */
export type WrittenFreeze = Partial<
  Record<(typeof FREEZE_FIELDS)[number], string | string[]>
>;

/** A freeze that cannot be honoured; the message starts with the key it is about. */
export class FreezeDefinitionError extends Error {
  name = 'FreezeDefinitionError';
}

/** A local date-time: a date, optionally a time to the minute or second; no offset. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

/** Rule parts whose value is bounded; rrule itself accepts BYHOUR=25 and never matches. */
const BOUNDS: Record<string, [string, number, number]> = {
  byhour: ['BYHOUR', 0, 23],
  byminute: ['BYMINUTE', 0, 59],
  bysecond: ['BYSECOND', 0, 59],
};

/**
 * Checks one written freeze and returns it as a FreezeWindow. `keyOf(field)` names a
 * field the way the reader sees it (`delivery.freezes[1].rrule`); every refusal starts
 * with it and says what to write instead.
 */
export function parseFreezeWindow(
  written: WrittenFreeze,
  options: {
    keyOf: (field: string) => string;
    /** `delivery.environments` names. */
    environments: readonly string[];
    source: FreezeWindow['source'];
  },
): FreezeWindow {
  const { keyOf } = options;
  const fail = (field: string, message: string): never => {
    throw new FreezeDefinitionError(`${keyOf(field)}: ${message}`);
  };
  const text = (field: (typeof FREEZE_FIELDS)[number]) => {
    const value = written[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return fail(field, 'must be a string');
    const trimmed = value.trim();
    return trimmed === '' ? fail(field, 'must not be blank') : trimmed;
  };
  const list = (field: 'environments' | 'actions') => {
    const value = written[field];
    if (value === undefined) return undefined;
    const items = (typeof value === 'string' ? value.split(',') : value).map(
      item => (typeof item === 'string' ? item.trim() : item),
    );
    if (!items.length || items.some(i => typeof i !== 'string' || !i))
      return fail(field, 'must be a non-empty list of names');
    return items as string[];
  };

  const name = text('name') ?? fail('name', 'is required');
  if (name.length > 100) fail('name', 'must be at most 100 characters');
  const reason = text('reason');
  if (reason && reason.length > 500)
    fail('reason', 'must be at most 500 characters');

  const timeZone =
    text('timeZone') ??
    fail(
      'timeZone',
      'is required: the IANA time zone the schedule is read in, such as Europe/Berlin or UTC',
    );
  if (!IANAZone.isValidZone(timeZone))
    fail(
      'timeZone',
      `"${timeZone}" is not an IANA time zone (such as Europe/Berlin or UTC)`,
    );

  const environments =
    list('environments') ??
    fail(
      'environments',
      `is required: the environments the freeze applies to (of ${options.environments.join(
        ', ',
      )})`,
    );
  for (const env of environments)
    if (!options.environments.includes(env))
      fail(
        'environments',
        `"${env}" is not one of delivery.environments (${options.environments.join(
          ', ',
        )})`,
      );

  const actions = list('actions') ?? [...FREEZABLE_ACTIONS];
  for (const action of actions) {
    if (action === 'failover')
      fail(
        'actions',
        'failover cannot be frozen: disaster recovery must work during a freeze',
      );
    if (!(FREEZABLE_ACTIONS as readonly string[]).includes(action))
      fail(
        'actions',
        `"${action}" is not an action a freeze stops (${FREEZABLE_ACTIONS.join(
          ', ',
        )})`,
      );
  }

  const localDateTime = (field: 'start' | 'end') => {
    const value = text(field);
    if (value === undefined) return undefined;
    const parsed = LOCAL_DATE_TIME.test(value)
      ? DateTime.fromISO(value, { zone: timeZone })
      : undefined;
    if (!parsed?.isValid)
      fail(
        field,
        `"${value}" must be a local date-time such as 2026-12-22T00:00 (no offset: it is read in ${timeZone})`,
      );
    return value;
  };
  const start = localDateTime('start');
  const end = localDateTime('end');
  const rrule = text('rrule');
  const duration = text('duration');

  let schedule: FreezeSchedule;
  if (rrule !== undefined) {
    if (end !== undefined)
      fail(
        'end',
        'a recurring freeze lasts its duration; end is for a date range (drop end, or drop rrule)',
      );
    if (duration === undefined)
      fail(
        'duration',
        'is required with rrule: how long each occurrence lasts, such as PT2H',
      );
    checkDuration(duration!, keyOf);
    checkRule(rrule, start, keyOf);
    schedule = {
      kind: 'recurring',
      rrule,
      duration: duration!,
      ...(start ? { start } : {}),
    };
  } else {
    if (duration !== undefined)
      fail(
        'duration',
        'only a recurring freeze (rrule) has a duration; a date range has start and end',
      );
    if (start === undefined || end === undefined)
      fail(
        start === undefined ? 'start' : 'end',
        'a freeze is either a date range (start and end) or recurring (rrule and duration)',
      );
    if (
      DateTime.fromISO(end!, { zone: timeZone }) <=
      DateTime.fromISO(start!, { zone: timeZone })
    )
      fail('end', `${end} is not after start ${start}`);
    schedule = { kind: 'range', start: start!, end: end! };
  }

  return {
    name,
    ...(reason ? { reason } : {}),
    timeZone,
    environments,
    actions: actions as FreezableAction[],
    source: options.source,
    schedule,
  };
}

function checkDuration(value: string, keyOf: (field: string) => string) {
  const duration = Duration.fromISO(value);
  if (!duration.isValid || duration.toMillis() <= 0)
    throw new FreezeDefinitionError(
      `${keyOf(
        'duration',
      )}: "${value}" must be a positive ISO 8601 duration such as PT2H or P12D`,
    );
}

function checkRule(
  value: string,
  start: string | undefined,
  keyOf: (field: string) => string,
) {
  const fail = (message: string): never => {
    throw new FreezeDefinitionError(`${keyOf('rrule')}: ${message}`);
  };
  const rule = value.replace(/^RRULE:/i, '');
  if (/DTSTART|TZID/i.test(rule))
    fail(
      'write the first occurrence as start and the zone as timeZone, not DTSTART or TZID in the rule',
    );
  let parsed: ReturnType<typeof RRule.parseString> = {};
  try {
    parsed = RRule.parseString(rule);
  } catch (error) {
    fail(`"${value}" is not an RFC 5545 RRULE: ${(error as Error).message}`);
  }
  if (parsed.freq === undefined || parsed.freq === null) {
    const freq = /(?:^|;)FREQ=([^;]*)/i.exec(rule)?.[1];
    fail(
      freq === undefined
        ? `"${value}" has no FREQ (such as FREQ=WEEKLY;BYDAY=TU;BYHOUR=2)`
        : `"${value}" is not an RFC 5545 RRULE: FREQ=${freq} is not YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY`,
    );
  }
  if (parsed.freq === RRule.MINUTELY || parsed.freq === RRule.SECONDLY)
    fail(
      'a freeze recurs hourly at most often (FREQ=MINUTELY and SECONDLY are not windows)',
    );
  for (const [part, [label, min, max]] of Object.entries(BOUNDS)) {
    const given = (parsed as Record<string, unknown>)[part];
    const values = given === undefined || given === null ? [] : [given].flat();
    for (const v of values as number[])
      if (!Number.isInteger(v) || v < min || v > max)
        fail(`${label}=${v} is out of range (${min} to ${max})`);
  }
  // Without a start the rule is anchored near the time asked about (see freezeOccurrences),
  // so it must not depend on where it started counting.
  if (!start) {
    if ((parsed.interval ?? 1) > 1 || parsed.count)
      fail(
        'INTERVAL and COUNT count from the first occurrence: give start as well',
      );
    if (parsed.freq === RRule.WEEKLY && !parsed.byweekday)
      fail('FREQ=WEEKLY needs BYDAY (such as BYDAY=SU) or a start');
  }
}
