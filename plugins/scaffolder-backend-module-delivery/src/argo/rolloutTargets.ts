import { InputError } from '@backstage/errors';
import { KubeCluster } from '../kube/KubeCluster';
import { ClusterWorkloads } from '../workloads/snapshot';
import { ArgoRollout, rolloutName } from './argoRollout';

/** One Rollout an action acts on, with the cluster it runs in. */
export interface RolloutTarget {
  cluster: KubeCluster;
  rollout: ArgoRollout;
}

/**
 * The Rollouts that run the service in the action's clusters, or undefined where none
 * does (Delivery's own Deployments run it). A service is run by Argo Rollouts in a cluster
 * where a Rollout carries its label selector (its kubernetes-id label or its own
 * selector). An environment whose clusters disagree, Rollouts in one and Deployments only
 * in another, is refused: one action would act on them two different ways.
 */
export function rolloutTargetsOf(
  workloads: ClusterWorkloads[],
): RolloutTarget[] | undefined {
  const argo = workloads.filter(w => w.rollouts.length);
  if (!argo.length) return undefined;
  const others = workloads.filter(w => !w.rollouts.length);
  if (others.length)
    throw new InputError(
      `environment: Argo Rollouts run the service in ${argo
        .map(
          w => `${w.cluster.name} (${w.rollouts.map(rolloutName).join(', ')})`,
        )
        .join(', ')} but Deployments in ${others
        .map(w => w.cluster.name)
        .join(
          ', ',
        )}; move every cluster of the environment to one or the other before acting on it`,
    );
  return argo.flatMap(w =>
    w.rollouts.map(rollout => ({ cluster: w.cluster, rollout })),
  );
}

/** `staging: capsight/capsight-backend`, as log lines and refusals name a target. */
export const targetName = ({ cluster, rollout }: RolloutTarget) =>
  `${cluster.name}: Rollout ${rolloutName(rollout)}`;
