import { InputError } from '@backstage/errors';
import { Strategy } from '@internal/backstage-plugin-delivery-common';
import { imageOf } from '../../workloads/DeployStep';
import {
  BlueGreenPlan,
  colour,
  planBlueGreen,
} from '../../strategies/blueGreen';
import { canaryPair } from '../../strategies/canary';
import { ClusterWorkloads } from '../../workloads/snapshot';

/** What a paused deploy left in one cluster, read from the objects themselves. */
export type PausedDeploy =
  | { strategy: 'blue-green'; plan: BlueGreenPlan; image: string }
  | { strategy: 'canary'; image: string };

/**
 * Finds the paused deploy in a cluster, or says why there is none: blue-green has an idle
 * colour with ready replicas the Service does not select yet; canary has canary replicas
 * running an image stable does not. Promote and abort refuse, changing nothing, otherwise.
 */
export function pausedDeployIn(
  strategy: Strategy,
  { cluster, deployments, services }: ClusterWorkloads,
): PausedDeploy {
  if (strategy === 'blue-green') {
    const plan = planBlueGreen(cluster, deployments, services);
    const idle = colour(cluster, deployments, plan.idle);
    const ready = idle.status?.availableReplicas ?? 0;
    if (!(idle.spec?.replicas ?? 0) || ready < (idle.spec?.replicas ?? 0))
      throw new InputError(
        `environment: nothing is paused in ${cluster.name}: ${
          plan.idle
        } has ${ready}/${idle.spec?.replicas ?? 0} replicas ready and ${
          plan.active
        } takes traffic`,
      );
    return { strategy, plan, image: imageOf(idle) ?? '' };
  }
  if (strategy === 'canary') {
    const { stable, canary } = canaryPair(cluster, deployments);
    if (!(canary.spec?.replicas ?? 0) || imageOf(canary) === imageOf(stable))
      throw new InputError(
        `environment: nothing is paused in ${cluster.name}: the canary runs ${
          canary.spec?.replicas ?? 0
        } replicas of ${imageOf(canary)}, stable runs ${imageOf(stable)}`,
      );
    return { strategy, image: imageOf(canary) ?? '' };
  }
  throw new InputError(
    'strategy: a rolling deploy does not pause; there is nothing to promote or abort',
  );
}
