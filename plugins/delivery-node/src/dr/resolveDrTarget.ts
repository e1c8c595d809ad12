import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_DATABASE_ID,
  ANNOTATION_DNS_NAME,
} from '@internal/backstage-plugin-delivery-common';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import type { DeliveryConfig } from '../config/readDeliveryConfig';
import type { DrTarget } from './DrProvider';

/**
 * The DR target of a service in an environment: its primary and DR clusters, database id
 * and DNS record. Throws an InputError naming what is missing, so an action or page says
 * exactly why a service cannot fail over instead of failing halfway.
 * @public
 */
export function resolveDrTarget(options: {
  entity: Entity;
  entityRef: string;
  /** The service's kubernetes-id. */
  service: string;
  environment: string;
  namespace: string;
  connections: ClusterConnection[];
  config: DeliveryConfig;
}): DrTarget {
  const { entity, entityRef, service, environment, namespace } = options;
  const inEnvironment = options.connections.filter(
    c => c.environment === environment,
  );
  const primary = inEnvironment.find(c => c.role === 'primary');
  const dr = inEnvironment.find(c => c.role === 'dr');
  if (!primary) {
    throw new InputError(
      `environment: ${environment} has no primary cluster in delivery.clusters`,
    );
  }
  if (!dr) {
    throw new InputError(
      `environment: ${environment} has no DR cluster (role: dr) in delivery.clusters`,
    );
  }
  const annotations = entity.metadata.annotations ?? {};
  const { zone, ttlSeconds } = options.config.dr.dns;
  const regionName = (c: ClusterConnection) => c.region ?? c.name;
  return {
    entityRef,
    service,
    environment,
    namespace,
    primary,
    dr,
    database: annotations[ANNOTATION_DATABASE_ID] ?? `${service}-db`,
    dns: {
      name: annotations[ANNOTATION_DNS_NAME] ?? `${service}.${zone}`,
      primaryTarget: `${service}.${regionName(primary)}.${zone}`,
      drTarget: `${service}.${regionName(dr)}.${zone}`,
      ttlSeconds,
    },
  };
}
