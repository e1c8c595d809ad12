import { Strategy } from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { colour, planBlueGreen } from '../../strategies/blueGreen';
import { canaryPair } from '../../strategies/canary';
import { ClusterWorkloads } from '../../workloads/snapshot';

/**
 * The Deployments of a service that serve its traffic in one cluster, the ones a scale
 * resizes: every one for rolling; the colour the Service selects for blue-green (the idle
 * colour is the next deploy's business); stable for canary (the canary's size is its
 * weight, which the deploy sets).
 */
export function servingDeployments(
  strategy: Strategy,
  { cluster, deployments, services }: ClusterWorkloads,
): V1Deployment[] {
  if (strategy === 'blue-green') {
    const plan = planBlueGreen(cluster, deployments, services);
    return [colour(cluster, deployments, plan.active)];
  }
  if (strategy === 'canary') return [canaryPair(cluster, deployments).stable];
  return deployments;
}
