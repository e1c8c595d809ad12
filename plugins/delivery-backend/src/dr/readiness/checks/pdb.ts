import type { DrProductionWorkloads } from '../evidence';
import type { CheckOutcome } from './outcome';
import { inProduction, overProduction } from './production';

/**
 * Check 6: a PodDisruptionBudget selects the service's pods, so a node drain (a cluster
 * upgrade, a zone evacuation) never takes every replica down at once.
 */
export function checkPdb(
  production: DrProductionWorkloads[] | undefined,
): CheckOutcome {
  const fix =
    "Add a PodDisruptionBudget with maxUnavailable: 1 selecting the service's pods (the golden path's deploy/base/pdb.yaml).";
  return overProduction(production, workloads => {
    const names = workloads.podDisruptionBudgets;
    if (names.length === 0) {
      return {
        status: 'fail',
        evidence: {
          ...inProduction(workloads),
          observed: `no PodDisruptionBudget selects the service's pods in ${workloads.cluster}`,
        },
        fix,
      };
    }
    return {
      status: 'pass',
      evidence: {
        ...inProduction(workloads),
        object: `PodDisruptionBudget/${names[0]}`,
        observed: `PodDisruptionBudget ${names.join(', ')} in ${
          workloads.cluster
        }`,
      },
      fix,
    };
  });
}
