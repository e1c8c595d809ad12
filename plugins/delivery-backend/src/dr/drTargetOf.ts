import type { Entity } from '@backstage/catalog-model';
import {
  DeliveryDescriptor,
  kubernetesIdOf,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
  DrTarget,
  resolveDrTarget,
} from '@internal/backstage-plugin-delivery-node';
import { hasDatabase } from '@internal/backstage-plugin-delivery-common';
import { DrCacheView, productionClusters } from './gatherDrEvidence';

/**
 * The DR target the provider is asked about for a service's readiness: its database in the
 * first production environment that has both a primary and a DR cluster, in the namespace
 * the cache finds its Deployments in (primary first, else the DR side). Undefined when
 * there is nothing to ask about: no database, no kubernetes-id (the provider names the
 * database after it), no such environment, or the service is deployed in neither cluster.
 */
export function drTargetOf(options: {
  entity: Entity;
  descriptor: DeliveryDescriptor;
  cache?: DrCacheView;
  connections: ClusterConnection[];
  config: DeliveryConfig;
}): DrTarget | undefined {
  const { entity, descriptor, cache, connections, config } = options;
  const service = kubernetesIdOf(descriptor);
  if (!cache || !service || !hasDatabase(entity)) return undefined;
  const production = config.environments
    .filter(e => e.production)
    .map(e => e.name);
  const environment = production.find(
    name =>
      connections.some(c => c.environment === name && c.role === 'primary') &&
      connections.some(c => c.environment === name && c.role === 'dr'),
  );
  if (!environment) return undefined;

  const selector = { kubernetesId: service };
  const namespace = [
    ...productionClusters(cache, [environment], 'primary'),
    ...productionClusters(cache, [environment], 'dr'),
  ]
    .map(c => cache.workloadsOf(c.name, selector).deployments[0]?.namespace)
    .find(Boolean);
  if (!namespace) return undefined;

  try {
    return resolveDrTarget({
      entity,
      entityRef: descriptor.entityRef,
      service,
      environment,
      namespace,
      connections,
      config,
    });
  } catch {
    // resolveDrTarget names what is missing; the readiness shows the replica as unknown.
    return undefined;
  }
}
