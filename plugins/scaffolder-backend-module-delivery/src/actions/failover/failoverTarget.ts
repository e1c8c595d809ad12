import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryFailoverRunPermission,
  hasDatabase,
  DeliveryDescriptor,
  kubernetesIdOf,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import {
  authorizeEntity,
  ClusterConnection,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  checkEnvironment,
  readServiceEntity,
} from '../deploy/resolveDeployTarget';

/** A service and environment that can fail over, and who may do it, checked. */
export interface FailoverTarget {
  entityRef: string;
  entity: Entity;
  descriptor: DeliveryDescriptor;
  kubernetesId: string;
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
 * Resolves and authorizes a failover: the service is readable by the initiator, has a
 * kubernetes-id, is delivered to the environment, the environment has a primary and a DR
 * cluster, and the initiator holds `delivery.failover.run` (the platform team). Each
 * refusal names the field; nothing has been touched when one is thrown.
 */
export async function resolveFailoverTarget(options: {
  entityRef: string;
  environment: string;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  config: DeliveryConfig;
  connections: ClusterConnection[];
  permissions: PermissionsService;
}): Promise<FailoverTarget> {
  const { entityRef, entity } = await readServiceEntity(options);
  const descriptor = readDeliveryDescriptor(entity);
  const kubernetesId = kubernetesIdOf(descriptor);
  if (!kubernetesId)
    throw new InputError(
      `entityRef: ${entityRef} has no backstage.io/kubernetes-id annotation, so its workloads cannot be found`,
    );
  const environment = checkEnvironment(
    options.config,
    descriptor,
    options.environment,
  );
  const inEnvironment = options.connections.filter(
    c => c.environment === environment.name,
  );
  const primary = inEnvironment.find(c => c.role === 'primary');
  const dr = inEnvironment.find(c => c.role === 'dr');
  if (!primary || !dr)
    throw new InputError(
      `environment: ${
        environment.name
      } needs a primary and a DR cluster in delivery.clusters to fail over (has ${
        inEnvironment.map(c => `${c.name} (${c.role})`).join(', ') || 'none'
      })`,
    );
  await authorizeEntity(options.permissions, {
    credentials: options.credentials,
    permission: deliveryFailoverRunPermission,
    entityRef,
    refusal: `You may not fail over ${entityRef}: DR drills, switchovers and failovers are for the platform team`,
  });
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  return {
    entityRef,
    entity,
    descriptor,
    kubernetesId,
    systemRef:
      typeof system === 'string' && system
        ? stringifyEntityRef(
            parseEntityRef(system, {
              defaultKind: 'system',
              defaultNamespace: entity.metadata.namespace ?? 'default',
            }),
          )
        : undefined,
    environment: environment.name,
    production: environment.production,
    primary,
    dr,
    hasDatabase: hasDatabase(entity),
  };
}
