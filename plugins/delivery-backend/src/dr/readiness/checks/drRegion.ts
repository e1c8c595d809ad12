import {
  ANNOTATION_DR_REGION,
  DrCheckEvidence,
  DrDescriptor,
  formatDurationMinutes,
} from '@internal/backstage-plugin-delivery-common';
import type { DrStandbyCluster, DrStandbyEvidence } from '../evidence';
import type { CheckOutcome } from './outcome';

function inCluster(
  cluster: DrStandbyCluster,
): Omit<DrCheckEvidence, 'observed'> {
  return {
    source: 'cluster',
    cluster: cluster.cluster,
    namespace: cluster.namespace,
    at: cluster.observedAt,
  };
}

function replicasText(cluster: DrStandbyCluster): string {
  return cluster.deployments
    .map(d => `${d.name} ${d.ready}/${d.desired} ready`)
    .join(', ');
}

/**
 * Check 2: the service runs in a DR cluster of its declared DR region.
 *
 * A standby with ready replicas passes. A standby deployed at zero replicas is a pilot
 * light: it passes below critical when its scale-up is documented (seed 003 recovers in
 * 2 h by activating the DR environment; the golden path's DR overlay scales non-critical
 * services to zero and documents "failover = apply the production overlay"), and fails for
 * critical, because seed 000 keeps a hot standby (active-active API services, RTO < 15 min)
 * that a scale-up from nothing cannot match.
 */
export function checkDrRegion(
  descriptor: DrDescriptor,
  standby: DrStandbyEvidence | undefined,
): CheckOutcome {
  const { drRegion, tier } = descriptor;
  if (!drRegion) {
    return {
      status: 'fail',
      evidence: {
        source: 'catalog',
        object: descriptor.entityRef,
        observed: `no ${ANNOTATION_DR_REGION} annotation: the service has no DR region to fail over to`,
      },
      fix: `Set ${ANNOTATION_DR_REGION} to the region of a DR cluster and deploy the service's DR overlay there.`,
    };
  }
  if (!standby) {
    return {
      status: 'unknown',
      evidence: {
        source: 'cluster',
        observed: `the DR clusters of production were not read, so the standby in ${drRegion} is not known`,
      },
      fix: `Make the DR clusters of production in ${drRegion} readable by Delivery (delivery.clusters, role dr).`,
    };
  }

  const inRegion = standby.clusters.filter(
    c => c.region === undefined || c.region === drRegion,
  );
  if (inRegion.length === 0) {
    const others = standby.clusters
      .map(c => `${c.cluster} (${c.region})`)
      .join(', ');
    return {
      status: 'fail',
      evidence: {
        source: 'cluster',
        observed: others
          ? `no DR cluster in ${drRegion}; DR clusters of production: ${others}`
          : 'production has no DR cluster configured',
      },
      fix: `Add a DR cluster in ${drRegion} to delivery.clusters (role dr) and deploy the service's DR overlay to it.`,
    };
  }

  const readable = inRegion.filter(c => c.state !== 'unreachable');
  const unreachable = inRegion.filter(c => c.state === 'unreachable');
  const warm = readable.find(c => c.deployments.some(d => d.ready > 0));
  if (warm) {
    return {
      status: 'pass',
      evidence: {
        ...inCluster(warm),
        observed: `standby running in ${
          warm.cluster
        } (${drRegion}): ${replicasText(warm)}`,
      },
      fix: `Keep at least one ready replica in ${warm.cluster}.`,
    };
  }

  const pilot = readable.find(
    c => c.deployments.length > 0 && c.deployments.every(d => d.desired === 0),
  );
  if (pilot) {
    const names = pilot.deployments.map(d => d.name).join(', ');
    if (tier === 'critical') {
      return {
        status: 'fail',
        evidence: {
          ...inCluster(pilot),
          observed: `pilot light only: ${names} at 0 replicas in ${
            pilot.cluster
          }; a critical service needs a warm standby to recover within its RTO of ${formatDurationMinutes(
            descriptor.rtoMinutes,
          )}`,
        },
        fix: `Keep at least one replica running in ${pilot.cluster} (the critical DR overlay sets the HPA minimum to 1).`,
      };
    }
    if (standby.scaleUpProcedure) {
      return {
        status: 'pass',
        evidence: {
          ...inCluster(pilot),
          observed: `pilot light: ${names} at 0 replicas in ${pilot.cluster}, scale-up documented at ${standby.scaleUpProcedure}`,
        },
        fix: `Keep the scale-up procedure for ${pilot.cluster} current.`,
      };
    }
    return {
      status: 'fail',
      evidence: {
        ...inCluster(pilot),
        observed: `${names} at 0 replicas in ${pilot.cluster} and no documented scale-up`,
      },
      fix: `Document how ${pilot.cluster} is scaled up on failover (a runbook section or the Delivery failover action) so the standby is a pilot light.`,
    };
  }

  const starting = readable.find(c => c.deployments.length > 0);
  if (starting) {
    return {
      status: 'fail',
      evidence: {
        ...inCluster(starting),
        observed: `standby in ${
          starting.cluster
        } has no ready replica: ${replicasText(starting)}`,
      },
      fix: `Fix the standby in ${starting.cluster} until its pods are ready (its rollout in that cluster says why they are not).`,
    };
  }

  if (unreachable.length > 0) {
    const names = unreachable.map(c => c.cluster).join(', ');
    return {
      status: 'unknown',
      evidence: {
        source: 'cluster',
        cluster: unreachable[0].cluster,
        observed:
          readable.length > 0
            ? `not deployed in ${readable
                .map(c => c.cluster)
                .join(', ')}; ${names} unreachable`
            : `every DR cluster in ${drRegion} is unreachable: ${names}`,
      },
      fix: `Restore Delivery's access to ${names}.`,
    };
  }

  const names = readable.map(c => c.cluster).join(', ');
  return {
    status: 'fail',
    evidence: {
      ...inCluster(readable[0]),
      observed: `not deployed in any DR cluster in ${drRegion} (${names})`,
    },
    fix: `Deploy the service's DR overlay to ${readable[0].cluster}.`,
  };
}
