import {
  computeRollout,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { ClusterCache, WorkloadSelector } from '../cache/ClusterCache';

/**
 * A service's rollout in every cached cluster, in the order a person reads a delivery
 * pipeline: environments in promotion order, primary before DR. Pure reads of the cache.
 */
export function rolloutsFor(
  cache: ClusterCache | undefined,
  config: DeliveryConfig,
  entityRef: string,
  selector: WorkloadSelector | undefined,
  now: number,
): EntityRollouts {
  const named = {
    entityRef,
    kubernetesId:
      selector && 'kubernetesId' in selector
        ? selector.kubernetesId
        : undefined,
    labelSelector:
      selector && 'labelSelector' in selector
        ? selector.labelSelector
        : undefined,
  };
  if (!cache || !selector) return { ...named, clusters: [] };
  const order = config.environments.map(e => e.name);
  const rank = (environment: string) => {
    const index = order.indexOf(environment);
    return index < 0 ? order.length : index;
  };
  const clusters = cache
    .snapshots()
    .sort(
      (a, b) =>
        rank(a.environment) - rank(b.environment) ||
        Number(a.role === 'dr') - Number(b.role === 'dr') ||
        a.name.localeCompare(b.name),
    )
    .map(cluster => ({
      cluster,
      rollout: computeRollout(cache.workloadsOf(cluster.name, selector), now),
    }));
  return { ...named, clusters };
}
