import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryConfig } from '../config/readDeliveryConfig';
import { ClusterConnection } from './ClusterConnection';

/**
 * The clusters the cache connects to: those of `kubernetes.clusterLocatorMethods` (the same
 * configuration as the upstream Kubernetes plugin) that `delivery.clusters` maps to an
 * environment. Others are skipped with a warning that says why, so a partly supported
 * configuration degrades visibly instead of failing the backend.
 * @public
 */
export function readClusterConnections(
  config: Config,
  delivery: DeliveryConfig,
  logger: LoggerService,
): ClusterConnection[] {
  const mapping = new Map(delivery.clusters.map(c => [c.name, c]));
  const connections: ClusterConnection[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, index) => {
    const type = method.getString('type');
    if (type !== 'config') {
      logger.warn(
        `Delivery cache: kubernetes.clusterLocatorMethods[${index}] of type ${type} is not read by Delivery yet; list those clusters with type config`,
      );
      return;
    }
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      const where = mapping.get(name);
      if (!where) {
        logger.warn(
          `Delivery cache: cluster ${name} is not in delivery.clusters, so it has no environment; skipped`,
        );
        continue;
      }
      if (authProvider !== 'serviceAccount') {
        logger.warn(
          `Delivery cache: cluster ${name} uses authProvider ${authProvider}; Delivery reads clusters with its own service account token only; skipped`,
        );
        continue;
      }
      connections.push({
        name,
        url: cluster.getString('url'),
        token: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        environment: where.environment,
        region: where.region,
        role: where.role,
        sandbox: where.sandbox,
      });
    }
  });
  for (const name of mapping.keys()) {
    if (!connections.some(c => c.name === name)) {
      logger.warn(
        `Delivery cache: delivery.clusters names ${name}, which no usable kubernetes cluster entry matches`,
      );
    }
  }
  return connections;
}
