import { FreezeOccurrence, FreezeWindow } from './FreezeWindow';
import { freezeOccurrencesAt, nextFreezeOccurrence } from './freezeOccurrences';

/** What the freezes of one environment mean at one moment. @public */
export interface FreezeStatus {
  /** The occurrences in force, the one that lifts last first. */
  inForce: FreezeOccurrence[];
  /**
   * The next occurrence to start once those in force have lifted (from `now` when none
   * is), the earliest first; undefined when none is scheduled within two years.
   */
  next?: FreezeOccurrence;
}

/**
 * The freezes in force in `environment` at `now` and the next one, for `action` (the
 * preflight check) or for any action (the Actions card, which says which actions each
 * one stops).
 * @public
 */
export function freezeStatus(
  freezes: readonly FreezeWindow[],
  options: { environment: string; action?: string; now: Date },
): FreezeStatus {
  const { environment, action, now } = options;
  const applicable = freezes.filter(
    f =>
      f.environments.includes(environment) &&
      (action === undefined || (f.actions as string[]).includes(action)),
  );
  const inForce = applicable
    .flatMap(f => freezeOccurrencesAt(f, now))
    .sort((a, b) => b.end.getTime() - a.end.getTime());
  const after = inForce[0]?.end ?? now;
  const next = applicable
    .map(f => nextFreezeOccurrence(f, after))
    .filter((o): o is FreezeOccurrence => o !== undefined)
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0];
  return { inForce, ...(next ? { next } : {}) };
}
