import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeliveryDescriptor,
  kubernetesIdOf,
  readDeliveryDescriptor,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';

export interface DeployTarget {
  entityRef: string;
  /** Empty when the action does not touch Kubernetes. */
  kubernetesId: string;
  /** The entity's annotations, for actions that read more of them. */
  annotations: Record<string, string>;
  strategy: Strategy;
  /** The environment's primary clusters; DR standbys are failover's business. */
  clusters: ClusterConnection[];
}

/**
 * The service as the initiator may read it from the catalog, its ref in full form; a
 * malformed ref or a missing entity is refused naming `entityRef`.
 */
export async function readServiceEntity(options: {
  entityRef: string;
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<{ entityRef: string; entity: Entity }> {
  let entityRef: string;
  try {
    entityRef = stringifyEntityRef(
      parseEntityRef(options.entityRef, { defaultKind: 'component' }),
    );
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
  const entity = await options.catalog.getEntityByRef(entityRef, {
    credentials: options.credentials,
  });
  if (!entity)
    throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
  return { entityRef, entity };
}

/** The service's Delivery tab in the portal, for the templates' output link. */
export function deliveryTabUrl(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/component/${name}/delivery`;
}

/**
 * The environment, checked: one of `delivery.environments` and one of the service's own.
 * Refusals name `environment`.
 */
export function checkEnvironment(
  config: DeliveryConfig,
  descriptor: DeliveryDescriptor,
  environment: string,
): DeliveryConfig['environments'][number] {
  const known = config.environments.find(e => e.name === environment);
  if (!known)
    throw new InputError(
      `environment: "${environment}" is not one of ${config.environments
        .map(e => e.name)
        .join(', ')}`,
    );
  if (!descriptor.environments.includes(environment))
    throw new InputError(
      `environment: ${
        descriptor.entityRef
      } is not delivered to ${environment} (its environments: ${descriptor.environments.join(
        ', ',
      )})`,
    );
  return known;
}

/**
 * Who and where, checked before anything is touched: the service is in the catalog and
 * readable by the initiator, it names its workloads with a kubernetes-id, the environment
 * is one of its own and has at least one cluster. Each refusal names the field.
 */
export async function resolveDeployTarget(options: {
  entityRef: string;
  environment: string;
  strategy?: Strategy;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  config: DeliveryConfig;
  /** Every cluster Delivery reaches, read once at start-up. */
  connections: ClusterConnection[];
  /** False for actions that act outside Kubernetes (a workflow dispatch). */
  kubernetes?: boolean;
}): Promise<DeployTarget> {
  const kubernetes = options.kubernetes ?? true;
  const { entityRef, entity } = await readServiceEntity(options);
  const descriptor = readDeliveryDescriptor(entity);
  const kubernetesId = kubernetesIdOf(descriptor);
  if (!kubernetesId && kubernetes)
    throw new InputError(
      `entityRef: ${entityRef} has no backstage.io/kubernetes-id annotation, so its workloads cannot be found`,
    );
  checkEnvironment(options.config, descriptor, options.environment);
  const clusters = options.connections.filter(
    c => c.environment === options.environment && c.role === 'primary',
  );
  if (!clusters.length && kubernetes)
    throw new InputError(
      `environment: no cluster serves ${options.environment} (delivery.clusters)`,
    );
  return {
    entityRef,
    kubernetesId: kubernetesId ?? '',
    annotations: entity.metadata.annotations ?? {},
    strategy: options.strategy ?? descriptor.strategy,
    clusters: kubernetes ? clusters : [],
  };
}
