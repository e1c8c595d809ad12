import {
  compareDrReadinessWorstFirst,
  DrReadiness,
  isTier,
  OverviewRow,
  Tier,
} from '@internal/backstage-plugin-delivery-common';

/** One service's readiness, as the overview's chart and sort compare it. */
export type DrEntry = Pick<
  DrReadiness,
  'entityRef' | 'tier' | 'score' | 'grade' | 'weights'
>;

/**
 * The overview's tier is the catalog's free text; the backend falls back to `standard`
 * for anything else, and so does this, so chart and sort agree with the score.
 */
function tierOf(row: OverviewRow): Tier {
  return isTier(row.tier) ? row.tier : 'standard';
}

export function drEntry(row: OverviewRow): DrEntry | undefined {
  if (!row.dr) return undefined;
  return { entityRef: row.entityRef, tier: tierOf(row), ...row.dr };
}

/** One entry per service: rows are per cluster, and a service runs in several. */
export function drEntries(rows: OverviewRow[]): DrEntry[] {
  const entries = new Map<string, DrEntry>();
  for (const row of rows) {
    const entry = drEntry(row);
    if (entry && !entries.has(entry.entityRef))
      entries.set(entry.entityRef, entry);
  }
  return [...entries.values()];
}

/**
 * Worst DR readiness first, ties broken as `compareDrReadinessWorstFirst` does (tier,
 * failing weight, entity ref, so a service's clusters stay together); services whose
 * readiness is not derived yet come last, since nothing is known to be wrong with them.
 */
export function compareRowsWorstFirst(a: OverviewRow, b: OverviewRow): number {
  const left = drEntry(a);
  const right = drEntry(b);
  if (left && right) return compareDrReadinessWorstFirst(left, right);
  if (left) return -1;
  if (right) return 1;
  if (a.entityRef === b.entityRef) return 0;
  return a.entityRef < b.entityRef ? -1 : 1;
}

export function sortWorstFirst(rows: OverviewRow[]): OverviewRow[] {
  return [...rows].sort(compareRowsWorstFirst);
}
