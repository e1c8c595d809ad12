import type { DrProductionWorkloads } from '../evidence';
import type { CheckOutcome } from './outcome';
import { inProduction, overProduction } from './production';

/** Node labels that name a zone (the second is the deprecated beta label). */
const ZONE_KEYS = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/**
 * Check 9: the service survives the loss of a zone: every Deployment spreads its pods by
 * zone (a topologySpreadConstraint or pod anti-affinity on a zone key, as the golden path
 * does), or its pods are observed on two zones or more. Anti-affinity on
 * kubernetes.io/hostname alone (seed 003) spreads over nodes, which may share a zone, so
 * it does not count. With no zone rule and the pods' zones not read, the answer is unknown.
 */
export function checkZoneSpread(
  production: DrProductionWorkloads[] | undefined,
): CheckOutcome {
  const fix =
    'Add a topologySpreadConstraint on topology.kubernetes.io/zone to the pod template.';
  return overProduction(production, workloads => {
    const where = inProduction(workloads);
    const unspread = workloads.deployments.filter(
      d => !d.spreadTopologyKeys.some(key => ZONE_KEYS.includes(key)),
    );
    if (unspread.length === 0) {
      return {
        status: 'pass',
        evidence: {
          ...where,
          observed: `every Deployment spreads its pods by zone in ${workloads.cluster}`,
        },
        fix,
      };
    }
    const zones = workloads.podZones;
    if (zones && zones.length >= 2) {
      return {
        status: 'pass',
        evidence: {
          ...where,
          observed: `pods observed on ${zones.length} zones in ${
            workloads.cluster
          } (${zones.join(', ')})`,
        },
        fix,
      };
    }
    const rules = unspread
      .map(d =>
        d.spreadTopologyKeys.length > 0
          ? `${d.name} spreads by ${d.spreadTopologyKeys.join(', ')} only`
          : `${d.name} has no zone spread rule`,
      )
      .join('; ');
    const specificFix = `Add a topologySpreadConstraint on topology.kubernetes.io/zone to ${unspread
      .map(d => d.name)
      .join(', ')}.`;
    if (zones === undefined) {
      return {
        status: 'unknown',
        evidence: {
          ...where,
          observed: `${rules}, and the pods' zones were not read in ${workloads.cluster}`,
        },
        fix: specificFix,
      };
    }
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `${rules}, and the pods run in ${
          zones.length === 0 ? 'no zone' : `one zone (${zones[0]})`
        } in ${workloads.cluster}`,
      },
      fix: specificFix,
    };
  });
}
