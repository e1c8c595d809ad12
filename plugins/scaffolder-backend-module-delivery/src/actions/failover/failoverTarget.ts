import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeliveryDescriptor,
  hasDatabase,
} from '@internal/backstage-plugin-delivery-common';
import { ClusterConnection } from '@internal/backstage-plugin-delivery-node';
import { ActionPlan } from '../frame';

/** A service and environment that can fail over, as the frame checked them. */
export interface FailoverTarget {
  entityRef: string;
  descriptor: DeliveryDescriptor;
  /** The label selector of the service's workloads, in both clusters. */
  selector: string;
  /** Its kubernetes-id, or the entity's name: what its DNS record is named after. */
  serviceName: string;
  /** The system the service belongs to: one failover per system at a time. */
  systemRef?: string;
  environment: string;
  production: boolean;
  primary: ClusterConnection;
  dr: ClusterConnection;
  /** The service depends on a catalog Resource: its database fails over too. */
  hasDatabase: boolean;
}

/**
 * What a failover needs to know of the frame's plan (read as the initiator, the
 * environment's primary and DR clusters found, `delivery.failover.run` checked): the
 * system it locks with the service, and whether a database fails over too.
 */
export function failoverTargetOf(plan: ActionPlan): FailoverTarget {
  const { entity } = plan;
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  return {
    entityRef: plan.entityRef,
    descriptor: plan.descriptor,
    selector: plan.selector,
    serviceName: plan.serviceName,
    systemRef:
      typeof system === 'string' && system
        ? stringifyEntityRef(
            parseEntityRef(system, {
              defaultKind: 'system',
              defaultNamespace: entity.metadata.namespace ?? 'default',
            }),
          )
        : undefined,
    environment: plan.environment.name,
    production: plan.environment.production,
    primary: plan.clusters[0].connection,
    dr: plan.dr!.connection,
    hasDatabase: hasDatabase(entity),
  };
}
