import {
  DrCheckId,
  DrReadiness,
} from '@internal/backstage-plugin-delivery-common';

/** The checks that read the service's production workloads. */
const PRODUCTION_CHECKS: readonly DrCheckId[] = [
  'pdb',
  'hpa-min',
  'probes',
  'zone-spread',
];

/** Why the card has nothing to assess yet: the checklist would be all gaps of setup. */
export type DrEmptyReason = 'no-production' | 'no-dr-region';

/**
 * Reads the two set-up gaps from the checks themselves, since the answer has no flag for
 * them: no production cluster was read for the service (every production check is
 * unknown without naming a cluster), or the DR region check found no `delivery/dr-region`
 * on the catalog entity (the only case where it cites the catalog).
 */
export function drEmptyReason(
  readiness: DrReadiness,
): DrEmptyReason | undefined {
  const production = readiness.checks.filter(c =>
    PRODUCTION_CHECKS.includes(c.id),
  );
  if (
    production.length > 0 &&
    production.every(
      c =>
        c.status === 'unknown' &&
        c.evidence.source === 'cluster' &&
        !c.evidence.cluster,
    )
  ) {
    return 'no-production';
  }
  const drRegion = readiness.checks.find(c => c.id === 'dr-region');
  if (drRegion?.status === 'fail' && drRegion.evidence.source === 'catalog') {
    return 'no-dr-region';
  }
  return undefined;
}
