import { KubeConfig } from '@kubernetes/client-node';
import { ClusterAccess, ClusterCredentialSource } from './ClusterCredentials';

/**
 * How Delivery reaches one Kubernetes cluster and what it serves: located like the
 * upstream Kubernetes plugin locates clusters, joined with `delivery.clusters`.
 * @public
 */
export interface ClusterConnection {
  name: string;
  url: string;
  /** A fixed bearer token, used when there is no `credentials` source. */
  token?: string;
  caData?: string;
  /** A file with the API server's CA, instead of `caData`. */
  caFile?: string;
  skipTLSVerify?: boolean;
  environment: string;
  region?: string;
  role: 'primary' | 'dr';
  sandbox: boolean;
  /** The upstream auth provider of the read identity, e.g. `serviceAccount`, `aws`. */
  authProvider?: string;
  /** Asks the upstream strategy for each request's credential (read or write). */
  credentials?: ClusterCredentialSource;
  /**
   * Set when background readers cannot use the cluster, saying why (its auth provider
   * needs a signed-in user's token); the cache shows the cluster as unreadable with it.
   */
  unreadable?: string;
  /** Where the cluster was found: `config`, `catalog` or `localKubectlProxy`. */
  locator?: string;
}

/** Anything client-node can authenticate a request with (its Authenticator interface). */
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/**
 * Sets each request's credential from the upstream strategy: client-node asks its
 * authenticators on every request (list and watch through applyToFetchOptions, the API
 * clients' calls through applySecurityAuthentication), so an expired token is replaced.
 */
function strategyAuthenticator(
  userName: string,
  source: ClusterCredentialSource,
  access: ClusterAccess,
): Authenticator {
  return {
    isAuthProvider: user => user.name === userName,
    async applyAuthentication(_user, opts) {
      const credential = await source.credential(access);
      if (credential.type === 'bearer token') {
        opts.headers = {
          ...opts.headers,
          Authorization: `Bearer ${credential.token}`,
        };
      } else if (credential.type === 'x509 client certificate') {
        opts.cert = credential.cert;
        opts.key = credential.key;
      }
    },
  };
}

/**
 * A client-node KubeConfig for one cluster, the one place Delivery builds them: with the
 * connection's credential source (asked per request, as `access`), else its fixed token.
 * @public
 */
export function kubeConfigFor(
  connection: ClusterConnection,
  access: ClusterAccess = 'read',
): KubeConfig {
  const kc = new KubeConfig();
  const userName = `${connection.name}-delivery-${access}`;
  kc.loadFromClusterAndUser(
    {
      name: connection.name,
      server: connection.url,
      caData: connection.caData,
      caFile: connection.caFile,
      skipTLSVerify: Boolean(connection.skipTLSVerify),
    },
    {
      name: userName,
      token: connection.credentials ? undefined : connection.token,
    },
  );
  if (connection.credentials) {
    kc.addAuthenticator(
      strategyAuthenticator(userName, connection.credentials, access),
    );
  }
  return kc;
}
