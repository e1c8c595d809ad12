import type { DrProductionWorkloads } from '../evidence';
import type { CheckOutcome } from './outcome';
import { inProduction, overProduction } from './production';

/**
 * Check 8: every container of every Deployment has a liveness and a readiness probe, as
 * in every seed's manifests (000, 001, 002, 003): without a readiness probe a failover
 * sends traffic to pods that cannot serve yet, without liveness a hung pod stays.
 */
export function checkProbes(
  production: DrProductionWorkloads[] | undefined,
): CheckOutcome {
  const fix =
    'Add a livenessProbe and a readinessProbe to every container of the pod template.';
  return overProduction(production, workloads => {
    const where = inProduction(workloads);
    const missing: string[] = [];
    let containers = 0;
    for (const deployment of workloads.deployments) {
      for (const container of deployment.containers) {
        containers += 1;
        const absent = [
          container.livenessProbe ? undefined : 'liveness',
          container.readinessProbe ? undefined : 'readiness',
        ].filter(Boolean);
        if (absent.length > 0) {
          missing.push(
            `container ${container.name} of ${
              deployment.name
            } has no ${absent.join(' or ')} probe`,
          );
        }
      }
    }
    if (missing.length > 0) {
      return {
        status: 'fail',
        evidence: {
          ...where,
          observed: `${missing.join('; ')} (${workloads.cluster})`,
        },
        fix: `Add the missing probes: ${missing.join('; ')}.`,
      };
    }
    return {
      status: 'pass',
      evidence: {
        ...where,
        observed: `all ${containers} containers of ${workloads.deployments.length} Deployments have liveness and readiness probes in ${workloads.cluster}`,
      },
      fix,
    };
  });
}
