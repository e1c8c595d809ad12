import { LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { LocatedCluster } from './LocatedCluster';
import { validateClusterApiServerUrl } from './validateClusterApiServerUrl';

/** Options of one `type: catalog` locator, as upstream reads them. */
export interface CatalogLocatorOptions {
  dangerouslyAllowClusterUrls?: string[];
  dangerouslyAllowSkipTLSVerify?: boolean;
}

export function readCatalogLocatorOptions(
  method: Config,
): CatalogLocatorOptions {
  return {
    dangerouslyAllowClusterUrls: method.getOptionalStringArray(
      'dangerouslyAllowClusterUrls',
    ),
    dangerouslyAllowSkipTLSVerify: method.getOptionalBoolean(
      'dangerouslyAllowSkipTLSVerify',
    ),
  };
}

/** The `kubernetes.io/` annotations but a token, as upstream filters them. */
function authMetadataOf(annotations: Record<string, string>) {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key !== 'serviceAccountToken' && key.startsWith('kubernetes.io/'))
      metadata[key] = value;
  }
  return metadata;
}

/**
 * The clusters of a `type: catalog` locator: `Resource` entities of type
 * `kubernetes-cluster` with the api-server, its CA and an auth provider annotated, read
 * and checked as upstream's CatalogClusterLocator does
 * (plugins/kubernetes-backend/src/cluster-locator/CatalogClusterLocator.ts): a
 * `serviceAccount` provider is refused (a token does not belong in the catalog), the URL
 * must pass the same address guard, and `kubernetes.io/skip-tls-verify` counts only when
 * the locator sets `dangerouslyAllowSkipTLSVerify`.
 */
export async function catalogClusters(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  locator: CatalogLocatorOptions;
  logger: LoggerService;
}): Promise<LocatedCluster[]> {
  const { catalog, credentials, locator, logger } = options;
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Resource',
        'spec.type': 'kubernetes-cluster',
        [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER}`]:
          CATALOG_FILTER_EXISTS,
        [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER_CA}`]:
          CATALOG_FILTER_EXISTS,
        [`metadata.annotations.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials },
  );
  const clusters: LocatedCluster[] = [];
  for (const entity of items) {
    const name = entity.metadata.name;
    const annotations = entity.metadata.annotations ?? {};
    const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    if (authProvider === 'serviceAccount') {
      logger.warn(
        `Delivery: ignoring kubernetes-cluster Resource "${name}": the catalog cluster locator does not support the serviceAccount auth provider`,
      );
      continue;
    }
    const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
    try {
      await validateClusterApiServerUrl(url, locator);
    } catch (error) {
      logger.warn(
        `Delivery: ignoring kubernetes-cluster Resource "${name}": ${
          (error as Error).message
        }`,
      );
      continue;
    }
    clusters.push({
      name,
      url,
      caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
      skipTLSVerify:
        (locator.dangerouslyAllowSkipTLSVerify ?? false) &&
        annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
      auth: { authProvider, authMetadata: authMetadataOf(annotations) },
      locator: 'catalog',
    });
  }
  return clusters;
}
