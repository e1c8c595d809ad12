import { LABEL_TRACK } from '@internal/backstage-plugin-delivery-common';
import { V1Deployment, V1Service } from '@kubernetes/client-node';
import { JsonObject } from '@backstage/types';
import { ArgoRollout, rolloutImage } from '../argo/argoRollout';
import { describeRolloutState } from '../argo/rolloutProgress';
import { KubeCluster } from '../kube/KubeCluster';
import { imageOf, trackOf } from './DeployStep';

export interface ClusterWorkloads {
  cluster: KubeCluster;
  deployments: V1Deployment[];
  services: V1Service[];
  /**
   * The Argo Rollouts labelled for the service: where there is one, the service is run by
   * Argo Rollouts in that cluster and the actions act on the Rollout, not on ReplicaSets.
   */
  rollouts: ArgoRollout[];
}

/** A service's Deployments, Services and Argo Rollouts in one cluster, by its label selector. */
export async function readWorkloads(
  cluster: KubeCluster,
  selector: string,
): Promise<ClusterWorkloads> {
  const [deployments, services, rollouts] = await Promise.all([
    cluster.deploymentsOf(selector),
    cluster.servicesOf(selector),
    cluster.rolloutsOf(selector),
  ]);
  return { cluster, deployments, services, rollouts };
}

/**
 * What the run store keeps as before and after: per cluster, each Deployment's image,
 * track and replicas, which tracks the Services select (`selects`), and each Service by
 * name with the track it selects (`services`, which the audit's change lines name); where
 * Argo Rollouts run the service, each Rollout's image, replicas and where its update
 * stands (`rollouts`). No secrets live there.
 */
export function describeWorkloads(all: ClusterWorkloads[]): JsonObject {
  return {
    clusters: all.map(({ cluster, deployments, services, rollouts }) => ({
      cluster: cluster.name,
      deployments: deployments.map(d => ({
        namespace: d.metadata?.namespace ?? '',
        name: d.metadata?.name ?? '',
        ...(trackOf(d) ? { track: trackOf(d)! } : {}),
        image: imageOf(d) ?? '',
        replicas: d.spec?.replicas ?? 0,
        ready: d.status?.readyReplicas ?? 0,
      })),
      selects: services
        .map(s => s.spec?.selector?.[LABEL_TRACK])
        .filter((t): t is string => Boolean(t)),
      services: services.map(s => ({
        namespace: s.metadata?.namespace ?? '',
        name: s.metadata?.name ?? '',
        ...(s.spec?.selector?.[LABEL_TRACK]
          ? { selects: s.spec.selector[LABEL_TRACK] }
          : {}),
      })),
      ...(rollouts.length
        ? {
            rollouts: rollouts.map(r => ({
              namespace: r.metadata.namespace ?? '',
              name: r.metadata.name ?? '',
              image: rolloutImage(r) ?? '',
              replicas: r.spec.replicas ?? 0,
              ready: r.status?.readyReplicas ?? 0,
              state: describeRolloutState(r),
            })),
          }
        : {}),
    })),
  };
}
