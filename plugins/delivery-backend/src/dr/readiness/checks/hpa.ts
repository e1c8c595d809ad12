import type { DrProductionWorkloads } from '../evidence';
import { DR_MIN_PRODUCTION_REPLICAS } from '@internal/backstage-plugin-delivery-common';
import type { CheckOutcome } from './outcome';
import { inProduction, overProduction } from './production';

/**
 * Check 7: every HorizontalPodAutoscaler of the service keeps at least 2 replicas in
 * production. A Deployment without an HPA fails even at a fixed replica count, since the
 * check is about the autoscaler's floor (a canary's fixed single replica has no HPA and is
 * not counted, as the golden path scales only its stable track).
 */
export function checkHpaMinimum(
  production: DrProductionWorkloads[] | undefined,
): CheckOutcome {
  const min = DR_MIN_PRODUCTION_REPLICAS;
  const fix = `Give each Deployment a HorizontalPodAutoscaler with minReplicas ${min} or more in production.`;
  return overProduction(production, workloads => {
    const where = inProduction(workloads);
    if (workloads.hpas.length === 0) {
      const fixed = workloads.deployments
        .map(d => `${d.name}: ${d.desired}`)
        .join(', ');
      return {
        status: 'fail',
        evidence: {
          ...where,
          observed: `no HorizontalPodAutoscaler in ${workloads.cluster}; fixed replicas (${fixed})`,
        },
        fix,
      };
    }
    const lowest = [...workloads.hpas].sort(
      (a, b) => a.minReplicas - b.minReplicas,
    )[0];
    const object = `HorizontalPodAutoscaler/${lowest.name}`;
    if (lowest.minReplicas < min) {
      return {
        status: 'fail',
        evidence: {
          ...where,
          object,
          observed: `HPA ${lowest.name} in ${workloads.cluster} has minReplicas ${lowest.minReplicas}, below ${min}`,
        },
        fix: `Set minReplicas to ${min} or more on HPA ${lowest.name}.`,
      };
    }
    return {
      status: 'pass',
      evidence: {
        ...where,
        object,
        observed: `HPA minReplicas ${workloads.hpas
          .map(h => `${h.name}: ${h.minReplicas}`)
          .join(', ')} in ${workloads.cluster}`,
      },
      fix,
    };
  });
}
