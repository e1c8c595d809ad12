import {
  PodChange,
  podRequestsOf,
} from '@internal/backstage-plugin-delivery-common';
import { PlannedScale, ScaleTarget } from './scalePlan';

/**
 * How many pods a Deployment runs once the scale is done: the replicas asked for, or under
 * an autoscaler today's replicas pushed into the new bounds (the autoscaler may move
 * within them later, with the load; that is not the scale's doing).
 */
export function podsAfter({ replicas, change }: ScaleTarget): number {
  if (change.kind === 'replicas') return change.to;
  return Math.min(
    Math.max(replicas, change.to.minReplicas),
    change.to.maxReplicas,
  );
}

/**
 * The pods a scale adds (or removes, negative) per Deployment and cluster, each with the
 * requests of one of its pods (all containers summed), for the budget gate. A scale's
 * change stays, so no `hours`: it changes the run rate.
 */
export function scaleCostChange(planned: PlannedScale[]): PodChange[] {
  return planned.map(({ target, deployment }) => ({
    cluster: target.cluster,
    ...podRequestsOf(deployment.spec?.template?.spec),
    replicas: podsAfter(target) - target.replicas,
  }));
}
