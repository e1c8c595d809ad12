import { KubeConfig } from '@kubernetes/client-node';

/**
 * How Delivery reaches one Kubernetes cluster and what it serves: read from the upstream
 * Kubernetes plugin's cluster list and `delivery.clusters`.
 * @public
 */
export interface ClusterConnection {
  name: string;
  url: string;
  token?: string;
  caData?: string;
  skipTLSVerify?: boolean;
  environment: string;
  region?: string;
  role: 'primary' | 'dr';
  sandbox: boolean;
}

/** A client-node KubeConfig for one cluster, with Delivery's service-account token. @public */
export function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name: connection.name,
      server: connection.url,
      caData: connection.caData,
      skipTLSVerify: Boolean(connection.skipTLSVerify),
    },
    { name: `${connection.name}-delivery`, token: connection.token },
  );
  return kc;
}
