import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  DeliveryDescriptor,
  kubernetesIdOf,
  readDeliveryDescriptor,
  Strategy,
  workloadLabelSelector,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Which clusters of the environment an action acts on: its primary clusters (most
 * actions), its primary and DR clusters (failover), or none (a GitHub workflow dispatch).
 */
export type ActionReach = 'primary' | 'primary-and-dr' | 'none';

/** A service in an environment, checked: what every Delivery action acts on. */
export interface ActionTarget {
  /** The service, as the catalog spells its ref. */
  entityRef: string;
  entity: Entity;
  descriptor: DeliveryDescriptor;
  /**
   * The label selector of its workloads (workloadLabelSelector): its kubernetes-id label or
   * its own selector. Empty when the action does not reach Kubernetes.
   */
  selector: string;
  /** A name for objects the action creates (migration Jobs): its kubernetes-id, else the entity's name. */
  serviceName: string;
  /** The entity's annotations, for actions that read more of them. */
  annotations: Record<string, string>;
  strategy: Strategy;
  environment: { name: string; production: boolean };
  /** The environment's primary clusters; none when the action does not reach Kubernetes. */
  clusters: ClusterConnection[];
  /** The environment's DR cluster, for an action that reaches it (failover). */
  dr?: ClusterConnection;
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
 * readable by the initiator, it names its workloads (a kubernetes-id or a label selector),
 * the environment is one of its own and has the clusters the action reaches. Each refusal
 * names the field.
 */
export async function resolveActionTarget(options: {
  entityRef: string;
  environment: string;
  strategy?: Strategy;
  reach: ActionReach;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  config: DeliveryConfig;
  /** Every cluster Delivery reaches, read once at start-up. */
  connections: ClusterConnection[];
}): Promise<ActionTarget> {
  const { reach } = options;
  const { entityRef, entity } = await readServiceEntity(options);
  const descriptor = readDeliveryDescriptor(entity);
  const selector = workloadLabelSelector(descriptor);
  if (!selector && reach !== 'none')
    throw new InputError(
      `entityRef: ${entityRef} has neither a ${ANNOTATION_KUBERNETES_ID} nor a ${ANNOTATION_KUBERNETES_LABEL_SELECTOR} annotation, so its workloads cannot be found`,
    );
  const environment = checkEnvironment(
    options.config,
    descriptor,
    options.environment,
  );
  const inEnvironment = options.connections.filter(
    c => c.environment === environment.name,
  );
  const primaries = inEnvironment.filter(c => c.role === 'primary');
  const dr = inEnvironment.find(c => c.role === 'dr');
  if (reach === 'primary' && !primaries.length)
    throw new InputError(
      `environment: no cluster serves ${environment.name} (delivery.clusters)`,
    );
  if (reach === 'primary-and-dr' && (!primaries.length || !dr))
    throw new InputError(
      `environment: ${
        environment.name
      } needs a primary and a DR cluster in delivery.clusters to fail over (has ${
        inEnvironment.map(c => `${c.name} (${c.role})`).join(', ') || 'none'
      })`,
    );
  const clusters = {
    primary: primaries,
    'primary-and-dr': primaries.slice(0, 1),
    none: [],
  }[reach];
  return {
    entityRef,
    entity,
    descriptor,
    selector: reach === 'none' ? '' : selector!,
    serviceName: kubernetesIdOf(descriptor) ?? entity.metadata.name,
    annotations: entity.metadata.annotations ?? {},
    strategy: options.strategy ?? descriptor.strategy,
    environment: { name: environment.name, production: environment.production },
    clusters,
    dr: reach === 'primary-and-dr' ? dr : undefined,
  };
}
