import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DeliveryConfig } from '../config/readDeliveryConfig';
import {
  CLIENT_SIDE_AUTH_PROVIDERS,
  ClusterAuth,
  readClusterAuth,
} from './clusterAuth';
import { ClusterConnection } from './ClusterConnection';
import { ClusterCredentials } from './ClusterCredentials';
import { LocatedCluster } from './LocatedCluster';

/** What turns located clusters into connections, shared by every locator's results. */
export interface ConnectionContext {
  delivery: DeliveryConfig;
  /** `delivery.clusters[].read` and `.write` by cluster name. */
  deliveryAuth: Map<string, DeliveryClusterAuth>;
  strategy: AuthenticationStrategy;
  logger: LoggerService;
  /** Warnings already given, so a periodic catalog read does not repeat them. */
  warned: Set<string>;
}

/** The identities `delivery.clusters[]` sets for one cluster in place of the located one. */
export interface DeliveryClusterAuth {
  /** `read`: what Delivery's background readers use instead of the located provider. */
  read?: ClusterAuth;
  /** `write`: what the scaffolder actions use; absent, they use the read identity. */
  write?: ClusterAuth;
}

/** `delivery.clusters[].read` and `.write`, by cluster name. */
export function readDeliveryClusterAuth(
  config: Config,
): Map<string, DeliveryClusterAuth> {
  const byName = new Map<string, DeliveryClusterAuth>();
  for (const cluster of config.getOptionalConfigArray('delivery.clusters') ??
    []) {
    const name = cluster.getString('name');
    const auth: DeliveryClusterAuth = {};
    for (const access of ['read', 'write'] as const) {
      const block = cluster.getOptionalConfig(access);
      if (!block) continue;
      auth[access] = readClusterAuth(block);
      if (!auth[access])
        throw new Error(
          `delivery.clusters ${name}.${access} names no authProvider`,
        );
    }
    byName.set(name, auth);
  }
  return byName;
}

function warnOnce(context: ConnectionContext, message: string) {
  if (context.warned.has(message)) return;
  context.warned.add(message);
  context.logger.warn(message);
}

/**
 * The located clusters that `delivery.clusters` maps to an environment, each with its
 * credential source. Others are skipped with a warning that says why, so a partly
 * supported configuration degrades visibly instead of failing the backend.
 */
export function connectionsOf(
  located: LocatedCluster[],
  context: ConnectionContext,
): ClusterConnection[] {
  const mapping = new Map(context.delivery.clusters.map(c => [c.name, c]));
  const connections: ClusterConnection[] = [];
  for (const cluster of located) {
    const where = mapping.get(cluster.name);
    if (!where) {
      warnOnce(
        context,
        `Delivery cache: cluster ${cluster.name} is not in delivery.clusters, so it has no environment; skipped`,
      );
      continue;
    }
    const own = context.deliveryAuth.get(cluster.name) ?? {};
    const read = own.read ?? cluster.auth;
    const { authProvider } = read;
    let unreadable: string | undefined;
    if (CLIENT_SIDE_AUTH_PROVIDERS.has(authProvider)) {
      unreadable = `authProvider ${authProvider} needs the signed-in user's token; Delivery's background reads have none`;
      warnOnce(
        context,
        `Delivery cache: cluster ${cluster.name}: ${unreadable}, so the cluster is shown as unreadable`,
      );
    }
    connections.push({
      name: cluster.name,
      url: cluster.url,
      caData: cluster.caData,
      caFile: cluster.caFile,
      skipTLSVerify: cluster.skipTLSVerify,
      environment: where.environment,
      region: where.region,
      role: where.role,
      sandbox: where.sandbox,
      authProvider,
      credentials: new ClusterCredentials(
        context.strategy,
        {
          name: cluster.name,
          url: cluster.url,
          caData: cluster.caData,
          caFile: cluster.caFile,
          skipTLSVerify: cluster.skipTLSVerify,
        },
        { read, write: own.write },
      ),
      ...(unreadable && { unreadable }),
      locator: cluster.locator,
    });
  }
  return connections;
}
