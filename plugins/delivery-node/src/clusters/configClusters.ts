import { Config } from '@backstage/config';
import { readClusterAuth } from './clusterAuth';
import { LocatedCluster } from './LocatedCluster';

/**
 * The clusters of one `type: config` locator, read as upstream's ConfigClusterLocator reads
 * them (plugins/kubernetes-backend/src/cluster-locator/ConfigClusterLocator.ts). Where
 * upstream refuses a cluster without an auth provider, Delivery keeps its earlier default,
 * `serviceAccount`.
 */
export function configClusters(method: Config): LocatedCluster[] {
  return (method.getOptionalConfigArray('clusters') ?? []).map(cluster => ({
    name: cluster.getString('name'),
    url: cluster.getString('url'),
    caData: cluster.getOptionalString('caData'),
    caFile: cluster.getOptionalString('caFile'),
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
    auth: readClusterAuth(cluster) ?? {
      authProvider: 'serviceAccount',
      authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
    },
    locator: 'config',
  }));
}

/**
 * The one cluster of a `type: localKubectlProxy` locator: `kubectl proxy` on port 8001,
 * anonymous, as upstream's LocalKubectlProxyClusterLocator has it (which resolves
 * localhost preferring IPv4, where kubectl proxy listens).
 */
export function localKubectlProxyCluster(): LocatedCluster {
  return {
    name: 'local',
    url: 'http://127.0.0.1:8001',
    // client-node refuses plain HTTP unless TLS verification is off: there is no TLS.
    skipTLSVerify: true,
    auth: {
      authProvider: 'localKubectlProxy',
      authMetadata: { 'kubernetes.io/auth-provider': 'localKubectlProxy' },
    },
    locator: 'localKubectlProxy',
  };
}
