import {
  PodChange,
  podRequestsOf,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { planBlueGreen, colour } from '../../strategies/blueGreen';
import { canaryPair, canaryReplicas } from '../../strategies/canary';
import { ClusterWorkloads } from '../../workloads/snapshot';

/**
 * How long a deploy that pauses for promotion is priced to wait: the pause has no end of
 * its own (someone promotes or aborts), so a day stands in for "a while".
 */
export const PAUSE_PRICED_HOURS = 24;

export interface DeployTiming {
  rolloutTimeoutSeconds: number;
  keepPreviousSeconds: number;
  canarySteps: number[];
  canaryPauseSeconds: number;
  pauseForPromotion: boolean;
}

/** Kubernetes' default maxSurge, 25 %, rounded up as the Deployment controller does. */
function surgeOf(deployment: V1Deployment): number {
  const replicas = deployment.spec?.replicas ?? 1;
  const surge = deployment.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%';
  if (typeof surge === 'number') return surge;
  const percent = /^(\d+)%$/.exec(surge);
  return percent
    ? Math.ceil((replicas * Number(percent[1])) / 100)
    : Number(surge) || 0;
}

const change = (
  cluster: string,
  deployment: V1Deployment,
  replicas: number,
  seconds: number,
): PodChange => ({
  cluster,
  ...podRequestsOf(deployment.spec?.template?.spec),
  replicas,
  hours: seconds / 3600,
});

/**
 * The pods a deploy runs beside what runs now, and for how long at most, per cluster:
 * blue-green's second colour at the live colour's size until the previous colour is
 * scaled down; canary's pods at its highest weight through every step; rolling's surge for
 * the rollout. Each is priced at its longest (the rollout timeout plus the holds, a paused
 * deploy for {@link PAUSE_PRICED_HOURS} more), so the budget gate errs on the side of asking.
 */
export function deployCostChange(
  strategy: Strategy,
  workloads: ClusterWorkloads[],
  timing: DeployTiming,
): PodChange[] {
  const paused = timing.pauseForPromotion ? PAUSE_PRICED_HOURS * 3600 : 0;
  return workloads.flatMap(({ cluster, deployments, services }) => {
    if (strategy === 'blue-green') {
      const plan = planBlueGreen(cluster, deployments, services);
      return [
        change(
          cluster.name,
          colour(cluster, deployments, plan.idle),
          plan.replicas,
          timing.rolloutTimeoutSeconds + timing.keepPreviousSeconds + paused,
        ),
      ];
    }
    if (strategy === 'canary') {
      const { stable, canary } = canaryPair(cluster, deployments);
      const size = Math.max(1, stable.spec?.replicas ?? 1);
      return [
        change(
          cluster.name,
          canary,
          canaryReplicas(size, Math.max(...timing.canarySteps)),
          timing.rolloutTimeoutSeconds +
            timing.canarySteps.length * timing.canaryPauseSeconds +
            paused,
        ),
      ];
    }
    return deployments.map(d =>
      change(cluster.name, d, surgeOf(d), timing.rolloutTimeoutSeconds),
    );
  });
}
