import {
  CompactHpa,
  DeliveryDescriptor,
  DeploymentShape,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  ClusterPrices,
  CostSource,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import type { ClusterCache, WorkloadSelector } from '../cache/ClusterCache';
import type { CachedDeployment } from '../cache/compact';

/** One Deployment of a service and the HPA that scales it, as the cache holds them. */
export interface ServiceDeployment {
  deployment: CachedDeployment;
  /** The HPA whose scaleTargetRef names this Deployment; absent when none scales it. */
  hpa?: CompactHpa;
}

/**
 * A cluster that serves one of a service's environments, with its prices and the service's
 * Deployments there. The cost estimate prices these; right-sizing starts from the same
 * list (each Deployment's requests, replicas and HPA, the cluster's prices and purchase
 * option) and adds observed usage.
 */
export interface PricedCluster {
  connection: ClusterConnection;
  prices: ClusterPrices;
  deployments: ServiceDeployment[];
}

/** What the cost reads of the cache. */
export type CostCacheView = Pick<ClusterCache, 'workloadsOf'>;

/** The Deployments of a service in one cluster, each with the HPA targeting it. */
export function deploymentsWithHpa(workloads: {
  deployments: CachedDeployment[];
  hpas: CompactHpa[];
}): ServiceDeployment[] {
  return workloads.deployments.map(deployment => ({
    deployment,
    hpa: workloads.hpas.find(
      hpa =>
        hpa.namespace === deployment.namespace &&
        hpa.targetName === deployment.name,
    ),
  }));
}

/** The estimate's input for one Deployment: requests of a pod, spec.replicas, HPA bounds. */
export function deploymentShapeOf({
  deployment,
  hpa,
}: ServiceDeployment): DeploymentShape {
  return {
    name: deployment.name,
    cpuMillicores: deployment.cpuRequestMillicores,
    memoryBytes: deployment.memoryRequestBytes,
    replicas: deployment.desired,
    hpa: hpa && { min: hpa.min, max: hpa.max },
  };
}

/**
 * The clusters in the order a person reads a delivery pipeline: environments in promotion
 * order (as `delivery.environments` lists them), primary before DR, then by name.
 */
export function inPipelineOrder(
  config: Pick<DeliveryConfig, 'environments'>,
  connections: ClusterConnection[],
): ClusterConnection[] {
  const order = config.environments.map(e => e.name);
  const rank = (environment: string) => {
    const index = order.indexOf(environment);
    return index < 0 ? order.length : index;
  };
  return [...connections].sort(
    (a, b) =>
      rank(a.environment) - rank(b.environment) ||
      Number(a.role === 'dr') - Number(b.role === 'dr') ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The clusters of the environments a service declares, primary and DR (every cluster when
 * it declares none), keeping the given order.
 */
export function clustersOfEnvironments(
  descriptor: Pick<DeliveryDescriptor, 'environments'>,
  ordered: ClusterConnection[],
): ClusterConnection[] {
  const declared = descriptor.environments;
  return declared.length
    ? ordered.filter(c => declared.includes(c.environment))
    : ordered;
}

/**
 * A service in one cluster, priced: undefined when it has no Deployment there, or when the
 * source has no prices for the cluster (reported through `unpriced`, never priced at zero).
 */
export function pricedCluster(options: {
  connection: ClusterConnection;
  selector: WorkloadSelector;
  cache: CostCacheView;
  source: Pick<CostSource, 'pricesFor'>;
  unpriced?: (connection: ClusterConnection) => void;
}): PricedCluster | undefined {
  const { connection, selector, cache, source, unpriced } = options;
  const workloads = cache.workloadsOf(connection.name, selector);
  if (!workloads.deployments.length) return undefined;
  const prices = source.pricesFor(connection);
  if (!prices) {
    unpriced?.(connection);
    return undefined;
  }
  return { connection, prices, deployments: deploymentsWithHpa(workloads) };
}

/**
 * The clusters whose capacity a service pays for: every cluster, primary or DR, of the
 * environments it declares where it has at least one Deployment, in pipeline order.
 */
export function pricedClusters(options: {
  descriptor: DeliveryDescriptor;
  /** The clusters, in pipeline order (see {@link inPipelineOrder}). */
  ordered: ClusterConnection[];
  cache?: CostCacheView;
  source: Pick<CostSource, 'pricesFor'>;
  unpriced?: (connection: ClusterConnection) => void;
}): PricedCluster[] {
  const { descriptor, ordered, cache } = options;
  const selector = descriptor.workloadSelector;
  if (!cache || !selector) return [];
  return clustersOfEnvironments(descriptor, ordered).flatMap(connection => {
    const priced = pricedCluster({ ...options, connection, selector, cache });
    return priced ? [priced] : [];
  });
}
