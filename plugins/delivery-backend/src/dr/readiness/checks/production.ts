import type { DrProductionWorkloads } from '../evidence';
import type { DrCheckEvidence } from '@internal/backstage-plugin-delivery-common';
import type { CheckOutcome } from './outcome';

/** The evidence location of one production cluster. */
export function inProduction(
  workloads: DrProductionWorkloads,
): Omit<DrCheckEvidence, 'observed'> {
  return {
    source: 'cluster',
    cluster: workloads.cluster,
    namespace: workloads.namespace,
    at: workloads.observedAt,
  };
}

/**
 * Runs a hygiene check in every primary production cluster and combines the answers: the
 * first failure wins, then the first unknown (an unreachable cluster, or evidence the
 * check needs but was not read); it passes only when every cluster passes. A service not
 * deployed in a cluster fails there, since production is where these checks matter.
 */
export function overProduction(
  production: DrProductionWorkloads[] | undefined,
  check: (workloads: DrProductionWorkloads) => CheckOutcome,
): CheckOutcome {
  if (!production || production.length === 0) {
    return {
      status: 'unknown',
      evidence: {
        source: 'cluster',
        observed: 'no production cluster was read for this service',
      },
      fix: "Make the service's production clusters readable by Delivery (delivery.clusters) so its workloads can be checked.",
    };
  }
  const outcomes = production.map((workloads): CheckOutcome => {
    if (workloads.state === 'unreachable') {
      return {
        status: 'unknown',
        evidence: {
          ...inProduction(workloads),
          observed: `${workloads.cluster} is unreachable`,
        },
        fix: `Restore Delivery's access to ${workloads.cluster}.`,
      };
    }
    if (workloads.deployments.length === 0) {
      return {
        status: 'fail',
        evidence: {
          ...inProduction(workloads),
          observed: `not deployed in ${workloads.cluster}`,
        },
        fix: `Deploy the service to ${workloads.cluster}.`,
      };
    }
    return check(workloads);
  });
  const failed = outcomes.find(o => o.status === 'fail');
  if (failed) return failed;
  const unknown = outcomes.find(o => o.status === 'unknown');
  if (unknown) return unknown;
  if (outcomes.length === 1) return outcomes[0];
  return {
    ...outcomes[0],
    evidence: {
      ...outcomes[0].evidence,
      observed: outcomes.map(o => o.evidence.observed).join('; '),
    },
  };
}
