import {
  DrReadiness,
  formatDurationMinutes,
} from '@internal/backstage-plugin-delivery-common';

/** Which objectives came from the tier's defaults, and the sentence that says so. */
export interface ObjectiveDefaults {
  rto: boolean;
  rpo: boolean;
  /** The objectives check's own words, when it reports a default or an assumption. */
  note?: string;
}

/**
 * The answer does not carry the descriptor's `defaulted` list; the objectives check's
 * evidence is the only place that says whether the RTO and RPO were declared or taken
 * from the tier. It names each assumed value as `RTO 15m` / `RPO 5m` in a sentence about
 * a default or an assumption, and names neither when both were declared.
 */
export function objectiveDefaults(readiness: DrReadiness): ObjectiveDefaults {
  const check = readiness.checks.find(c => c.id === 'objectives');
  const observed = check?.evidence.observed ?? '';
  if (!/\b(default|assumed)\b/.test(observed))
    return { rto: false, rpo: false };
  return {
    rto: observed.includes(
      `RTO ${formatDurationMinutes(readiness.rtoMinutes)}`,
    ),
    rpo: observed.includes(
      `RPO ${formatDurationMinutes(readiness.rpoMinutes)}`,
    ),
    note: observed,
  };
}
