import { stringify } from 'yaml';

export interface ClusterEndpoint {
  name: string;
  url: string;
  token: string;
}

/** A kubeconfig with one context per sandbox cluster, for kubectl and client libraries. */
export function kubeconfigYaml(
  clusters: ClusterEndpoint[],
  caPem: string,
  currentContext?: string,
): string {
  const caData = Buffer.from(caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: `sandbox-${c.name}`,
      cluster: { server: c.url, 'certificate-authority-data': caData },
    })),
    users: clusters.map(c => ({
      name: `sandbox-${c.name}`,
      user: { token: c.token },
    })),
    contexts: clusters.map(c => ({
      name: `sandbox-${c.name}`,
      context: { cluster: `sandbox-${c.name}`, user: `sandbox-${c.name}` },
    })),
    'current-context': `sandbox-${currentContext ?? clusters[0]?.name}`,
  });
}

/** A sandbox cluster as the portal config names it. */
export type PortalCluster = ClusterEndpoint & {
  environment: string;
  region: string;
  role: string;
};

export interface PortalConfigOptions {
  /**
   * Clusters the portal finds through the catalog (kubernetes-cluster Resource entities,
   * see catalogClusterEntitiesYaml) instead of the `config` locator: both plugins read
   * them anonymously, and Delivery writes with the cluster's token (`write`). They must
   * answer anonymous reads (ClusterSpec.anonymousReads). Default none.
   */
  catalogLocated?: string[];
}

/**
 * app-config for the portal: the upstream Kubernetes plugin's cluster list and Delivery's
 * cluster mapping, both pointing at the sandbox. Written next to the kubeconfig at start.
 */
export function portalConfigYaml(
  clusters: PortalCluster[],
  caPem: string,
  options: PortalConfigOptions = {},
): string {
  const caData = Buffer.from(caPem).toString('base64');
  const fromCatalog = new Set(options.catalogLocated ?? []);
  const configured = clusters.filter(c => !fromCatalog.has(c.name));
  const catalogHosts = [
    ...new Set(
      clusters
        .filter(c => fromCatalog.has(c.name))
        .map(c => new URL(c.url).hostname),
    ),
  ];
  return stringify({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: configured.map(c => ({
            name: c.name,
            title: clusterTitle(c),
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            caData,
            skipMetricsLookup: true,
          })),
        },
        // The sandbox listens on loopback, which the catalog locator refuses (so that
        // whoever registers an entity cannot aim the backend at internal addresses)
        // unless the host is allowed here.
        ...(catalogHosts.length
          ? [{ type: 'catalog', dangerouslyAllowClusterUrls: catalogHosts }]
          : []),
      ],
    },
    delivery: {
      clusters: clusters.map(c => ({
        name: c.name,
        environment: c.environment,
        region: c.region,
        role: c.role,
        sandbox: true,
        // Catalog-located clusters are read anonymously; Delivery's actions and DR
        // changes write with the cluster's token.
        ...(fromCatalog.has(c.name)
          ? {
              write: {
                authProvider: 'serviceAccount',
                serviceAccountToken: c.token,
              },
            }
          : {}),
      })),
      // The sandbox's DNSEndpoints carry a 5 s TTL, so a drill's health check after the
      // switch (at least one TTL) takes seconds, not a minute.
      dr: { dns: { ttlSeconds: 5 } },
      // Usage every 15 s (the sandbox's metrics refresh), and right-sizing from 3 minutes of
      // it instead of a day, so a demo shows recommendations; real clusters keep the defaults.
      cost: {
        usage: { sampleSeconds: 15 },
        rightSizing: { minWindowHours: 0.05, minSamples: 10 },
      },
    },
  });
}

function clusterTitle(cluster: PortalCluster): string {
  return `${cluster.name} (sandbox, ${cluster.region})`;
}

/**
 * The catalog entities of catalog-located clusters (PortalConfigOptions.catalogLocated):
 * `Resource`s of type `kubernetes-cluster` with the API server, its CA and the
 * `localKubectlProxy` auth provider, the upstream Kubernetes plugin's only anonymous one
 * (its fetcher refuses an anonymous credential from any other provider). No token: the
 * catalog is readable by everyone who signs in.
 */
export function catalogClusterEntitiesYaml(
  clusters: PortalCluster[],
  caPem: string,
): string {
  const caData = Buffer.from(caPem).toString('base64');
  const header =
    '# Written by the sandbox fleet at each start (its CA changes each start).\n';
  return (
    header +
    clusters
      .map(c =>
        stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: c.name,
            title: clusterTitle(c),
            description: `Sandbox cluster ${c.name}: ${c.environment}, ${c.region} (${c.role})`,
            annotations: {
              'kubernetes.io/api-server': c.url,
              'kubernetes.io/api-server-certificate-authority': caData,
              'kubernetes.io/auth-provider': 'localKubectlProxy',
              'kubernetes.io/skip-metrics-lookup': 'true',
            },
          },
          spec: {
            type: 'kubernetes-cluster',
            owner: 'group:default/platform-team',
          },
        }),
      )
      .join('---\n')
  );
}
