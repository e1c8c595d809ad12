/**
 * The one percentile the Delivery plugins use, so right-sizing in the browser, the
 * backend's usage store and the sandbox's benchmark report the same number for the same
 * observations.
 */

/**
 * Nearest-rank percentile of an ascending list: always a value that was observed, never an
 * interpolation between two.
 *
 * @param sorted - observations in ascending order (the caller sorts once, then asks for
 *   several percentiles)
 * @param fraction - which percentile, as a fraction from 0 to 1: `0.5` is the median,
 *   `0.95` the 95th percentile, `1` the largest value. Not a percentage: `95` is refused.
 * @returns the smallest observation with at least `fraction` of the list at or below it
 *   (the first one for `0`); 0 for an empty list, where nothing was observed.
 * @public
 */
export function percentile(
  sorted: readonly number[],
  fraction: number,
): number {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(
      `percentile: ${fraction} is not a fraction; use a number from 0 to 1, such as 0.95`,
    );
  }
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}
