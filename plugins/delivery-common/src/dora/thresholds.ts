/**
 * The DORA performance bands and where a measurement falls among them.
 *
 * Defaults are the performance clusters of the 2023 Accelerate State of DevOps Report
 * (DORA, Google Cloud), read as upper bounds:
 *
 * | band   | deployment frequency              | lead time for changes | change failure rate | failed deployment recovery |
 * | ------ | --------------------------------- | --------------------- | ------------------- | -------------------------- |
 * | elite  | on demand (at least daily)        | less than one day     | 5%                  | less than one hour         |
 * | high   | between once a day and once a week| less than one week    | 10%                 | less than one day          |
 * | medium | between once a week and once a month | less than one month | 15%                | less than one week         |
 * | low    | less often                        | longer                | more                | longer                     |
 */

/** @public */
export const DORA_BANDS = ['elite', 'high', 'medium', 'low'] as const;

/** A DORA performance band, best first. @public */
export type DoraBand = (typeof DORA_BANDS)[number];

/** Upper bounds of the elite, high and medium bands; anything past medium is low. @public */
export interface DoraBandBounds {
  elite: number;
  high: number;
  medium: number;
}

/**
 * The thresholds of every metric (`delivery.dora.thresholds`). Durations in minutes,
 * the change failure rate in percent.
 * @public
 */
export interface DoraThresholds {
  /** The longest average time between successful deploys for each band. */
  deploymentFrequency: DoraBandBounds;
  /** Median commit-to-production time below which each band starts. */
  leadTime: DoraBandBounds;
  /** The highest share of deploys that failed, in percent, for each band. */
  changeFailureRate: DoraBandBounds;
  /** Median time to restore below which each band starts. */
  timeToRestore: DoraBandBounds;
}

const DAY = 24 * 60;

/** The 2023 State of DevOps Report's bands (see the table above). @public */
export const DEFAULT_DORA_THRESHOLDS: DoraThresholds = {
  deploymentFrequency: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  leadTime: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  changeFailureRate: { elite: 5, high: 10, medium: 15 },
  timeToRestore: { elite: 60, high: DAY, medium: 7 * DAY },
};

/**
 * The band of a measurement where lower is better. `inclusive` says whether a value equal
 * to a bound still belongs to the better band: "at most 5%" and "at least daily" do,
 * "less than one day" does not.
 * @public
 */
export function doraBandOf(
  value: number,
  bounds: DoraBandBounds,
  inclusive: boolean,
): DoraBand {
  const within = (bound: number) =>
    inclusive ? value <= bound : value < bound;
  if (within(bounds.elite)) return 'elite';
  if (within(bounds.high)) return 'high';
  if (within(bounds.medium)) return 'medium';
  return 'low';
}
