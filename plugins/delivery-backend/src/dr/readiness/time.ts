/**
 * Time arithmetic for the DR checks. The clock is never read: every age is measured from
 * the `now` the caller passes.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 1_440 * MINUTE_MS;

/** Milliseconds since the epoch, or undefined for a missing or unparsable ISO time. */
export function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An age or a duration in words a team lead reads at a glance: `45s`, `12m`, `3h 5m`,
 * `14d 2h`. Negative ages (a clock ahead of ours) read as `0s`.
 */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes}m ${rest}s` : `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours}h ${rest}m` : `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days}d ${rest}h` : `${days}d`;
}
