import {
  compareDrReadinessWorstFirst,
  DrReadiness,
  isTier,
  OverviewEntity,
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
function tierOf(service: OverviewEntity): Tier {
  return isTier(service.tier) ? service.tier : 'standard';
}

export function drEntry(service: OverviewEntity): DrEntry | undefined {
  if (!service.dr) return undefined;
  return { entityRef: service.entityRef, tier: tierOf(service), ...service.dr };
}

/** The entries of the services whose readiness is derived. */
export function drEntries(services: OverviewEntity[]): DrEntry[] {
  const entries: DrEntry[] = [];
  for (const service of services) {
    const entry = drEntry(service);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * Worst DR readiness first, ties broken as `compareDrReadinessWorstFirst` does (tier,
 * failing weight, entity ref); services whose readiness is not derived yet come last,
 * since nothing is known to be wrong with them.
 */
export function compareServicesWorstFirst(
  a: OverviewEntity,
  b: OverviewEntity,
): number {
  const left = drEntry(a);
  const right = drEntry(b);
  if (left && right) return compareDrReadinessWorstFirst(left, right);
  if (left) return -1;
  if (right) return 1;
  if (a.entityRef === b.entityRef) return 0;
  return a.entityRef < b.entityRef ? -1 : 1;
}
