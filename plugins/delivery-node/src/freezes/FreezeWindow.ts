/**
 * The actions a freeze window stops. Failover is not one of them: disaster recovery must
 * work in a freeze, which is exactly when nobody expects to need it.
 * @public
 */
export const FREEZABLE_ACTIONS = [
  'deploy',
  'scale',
  'rollback',
  'promote',
  'abort',
  'retry',
  'migrate',
] as const;

/** @public */
export type FreezableAction = (typeof FREEZABLE_ACTIONS)[number];

/**
 * When a freeze is in force, as written (validated): local date-times and rules are read
 * in the freeze's time zone, so a recurring window keeps its wall-clock hours across DST.
 * @public
 */
export type FreezeSchedule =
  | {
      kind: 'range';
      /** Local date-time (ISO 8601 without an offset) the freeze starts. */
      start: string;
      /** Local date-time the freeze lifts (exclusive). */
      end: string;
    }
  | {
      kind: 'recurring';
      /** An RFC 5545 RRULE without DTSTART or TZID, e.g. `FREQ=WEEKLY;BYDAY=TU;BYHOUR=2`. */
      rrule: string;
      /** How long each occurrence lasts, ISO 8601 (`PT2H`, `P12D`). */
      duration: string;
      /** The first occurrence's local date-time (DTSTART), when the rule needs one. */
      start?: string;
    };

/**
 * A freeze window: while it is in force the listed actions are refused in the listed
 * environments, unless the platform team overrides the refusal with a written reason.
 * @public
 */
export interface FreezeWindow {
  name: string;
  reason?: string;
  /** IANA time zone the schedule is read in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Names from `delivery.environments`. */
  environments: string[];
  /** The actions it stops; all of FREEZABLE_ACTIONS unless the freeze lists some. */
  actions: FreezableAction[];
  /** Where it is defined: `delivery.freezes` or the service's `delivery/freeze` annotation. */
  source: 'config' | 'annotation';
  schedule: FreezeSchedule;
}

/** One occurrence of a freeze window: from `start` (inclusive) to `end` (exclusive). @public */
export interface FreezeOccurrence {
  freeze: FreezeWindow;
  start: Date;
  end: Date;
}
