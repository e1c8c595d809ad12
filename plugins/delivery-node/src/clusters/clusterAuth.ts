import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
  ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER,
} from '@backstage/plugin-kubernetes-common';

/**
 * How one identity authenticates to a cluster, as the upstream Kubernetes plugin keeps it:
 * the auth provider and its metadata (`serviceAccountToken`, `kubernetes.io/aws-assume-role`,
 * ...), the shape upstream strategies read from `ClusterDetails.authMetadata`.
 * @public
 */
export interface ClusterAuth {
  authProvider: string;
  authMetadata: Record<string, string>;
}

/**
 * Providers whose credential is the signed-in user's token, sent by the browser: a
 * background reader (the cache, the samplers) has no user, so it cannot use them.
 * @public
 */
export const CLIENT_SIDE_AUTH_PROVIDERS: ReadonlySet<string> = new Set([
  'oidc',
  'google',
  'aks',
]);

/**
 * The auth of one config block with upstream's fields: `authProvider` (or
 * `authMetadata['kubernetes.io/auth-provider']`), `serviceAccountToken`, `assumeRole`,
 * `externalId`, `oidcTokenProvider` and a free `authMetadata` block, merged in the order
 * upstream's ConfigClusterLocator merges them
 * (plugins/kubernetes-backend/src/cluster-locator/ConfigClusterLocator.ts). Undefined
 * when the block names no provider.
 */
export function readClusterAuth(block: Config): ClusterAuth | undefined {
  const authMetadataBlock = block.getOptional('authMetadata') as
    | Record<string, string>
    | undefined;
  const authProvider =
    authMetadataBlock?.[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    block.getOptionalString('authProvider');
  if (!authProvider) return undefined;
  const fields: Record<string, string | undefined> = {
    serviceAccountToken: block.getOptionalString('serviceAccountToken'),
    [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]:
      block.getOptionalString('assumeRole'),
    [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]:
      block.getOptionalString('externalId'),
    [ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER]:
      block.getOptionalString('oidcTokenProvider'),
  };
  const authMetadata: Record<string, string> = {
    [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value) authMetadata[key] = value;
  }
  return {
    authProvider,
    authMetadata: { ...authMetadata, ...authMetadataBlock },
  };
}
