import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DeliveryConfig } from '../config/readDeliveryConfig';
import { createClusterAuthStrategy } from './authStrategies';
import { ClusterConnection } from './ClusterConnection';
import { configClusters, localKubectlProxyCluster } from './configClusters';
import { connectionsOf, readDeliveryClusterAuth } from './connectionsOf';
import { LocatedCluster } from './LocatedCluster';

/**
 * The clusters Delivery reaches that configuration alone names: those of the `config`
 * and `localKubectlProxy` locators of `kubernetes.clusterLocatorMethods` (the same
 * configuration as the upstream Kubernetes plugin) that `delivery.clusters` maps to an
 * environment. `catalog` locators are read by the ClusterDirectory, which needs the
 * catalog; `gke` is not supported (it needs Google's container API) and is skipped with
 * a warning.
 * @public
 */
export function readClusterConnections(
  config: Config,
  delivery: DeliveryConfig,
  logger: LoggerService,
  options: {
    /** The upstream strategies by default. */
    strategy?: AuthenticationStrategy;
    /** Shared with the ClusterDirectory, so its catalog reads repeat no warning. */
    warned?: Set<string>;
  } = {},
): ClusterConnection[] {
  const located: LocatedCluster[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  let catalogLocated = false;
  methods.forEach((method, index) => {
    const type = method.getString('type');
    if (type === 'config') located.push(...configClusters(method));
    else if (type === 'localKubectlProxy')
      located.push(localKubectlProxyCluster());
    else if (type === 'catalog') catalogLocated = true;
    else
      logger.warn(
        `Delivery cache: kubernetes.clusterLocatorMethods[${index}] of type ${type} is not read by Delivery; list those clusters with type config or catalog`,
      );
  });
  const connections = connectionsOf(located, {
    delivery,
    deliveryAuth: readDeliveryClusterAuth(config),
    strategy: options.strategy ?? createClusterAuthStrategy({ config, logger }),
    logger,
    warned: options.warned ?? new Set(),
  });
  // Catalog clusters come later, so a name only they provide is no mistake yet.
  if (!catalogLocated) {
    for (const { name } of delivery.clusters) {
      if (!connections.some(c => c.name === name)) {
        logger.warn(
          `Delivery cache: delivery.clusters names ${name}, which no usable kubernetes cluster entry matches`,
        );
      }
    }
  }
  return connections;
}
