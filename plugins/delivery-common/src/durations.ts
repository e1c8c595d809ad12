const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };

/**
 * Parses a recovery-objective duration such as `15m`, `2h` or `1d` into minutes.
 * Returns undefined for anything else, so callers can report the annotation as invalid
 * instead of guessing.
 * @public
 */
export function parseDurationMinutes(value: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(value.trim());
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * UNIT_MINUTES[match[2]];
}

/**
 * Formats minutes the way the annotations are written: `90m` stays minutes, whole hours
 * become `2h`, whole days `1d`.
 * @public
 */
export function formatDurationMinutes(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
