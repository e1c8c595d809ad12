import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AksStrategy,
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  DispatchStrategy,
  GoogleServiceAccountStrategy,
  GoogleStrategy,
  OidcStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import * as clientNode from '@kubernetes/client-node';

/**
 * Upstream's ServiceAccountStrategy loads client-node with a dynamic import() on every
 * call, even when the token is configured; jest's CommonJS runtime cannot run that. It
 * takes the module from `injectedKubernetesClient` when set (upstream's own tests set it),
 * so Delivery hands it the module it already loaded. Should the field go, the strategy
 * falls back to its import, which Node runs fine.
 */
function serviceAccountStrategy(): ServiceAccountStrategy {
  return Object.assign(new ServiceAccountStrategy(), {
    injectedKubernetesClient: clientNode,
  });
}

/**
 * The upstream Kubernetes plugin's strategies under the provider names it registers them
 * with (its buildDefaultAuthStrategyMap, which it does not export), behind its
 * DispatchStrategy: Delivery authenticates exactly as the Kubernetes plugin does.
 * `overrides` replaces single strategies (tests, an Azure credential of one's own).
 * @public
 */
export function createClusterAuthStrategy(options: {
  config: Config;
  logger: LoggerService;
  overrides?: Record<string, AuthenticationStrategy>;
}): AuthenticationStrategy {
  const { config, logger, overrides } = options;
  // Built lazily: AzureIdentityStrategy's constructor reads the Azure environment, and a
  // backend without Azure clusters should not.
  const lazy = (make: () => AuthenticationStrategy) => {
    let strategy: AuthenticationStrategy | undefined;
    const get = () => (strategy ??= make());
    return {
      getCredential: (...args) => get().getCredential(...args),
      validateCluster: (...args) => get().validateCluster(...args),
      presentAuthMetadata: (...args) => get().presentAuthMetadata(...args),
    } satisfies AuthenticationStrategy;
  };
  return new DispatchStrategy({
    authStrategyMap: {
      aks: new AksStrategy(),
      aws: lazy(() => new AwsIamStrategy({ config })),
      azure: lazy(() => new AzureIdentityStrategy(logger)),
      google: new GoogleStrategy(),
      googleServiceAccount: lazy(
        () => new GoogleServiceAccountStrategy({ config }),
      ),
      localKubectlProxy: new AnonymousStrategy(),
      oidc: new OidcStrategy(),
      serviceAccount: serviceAccountStrategy(),
      ...overrides,
    },
  });
}
