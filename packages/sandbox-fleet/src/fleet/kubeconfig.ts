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

/**
 * app-config for the portal: the upstream Kubernetes plugin's cluster list and Delivery's
 * cluster mapping, both pointing at the sandbox. Written next to the kubeconfig at start.
 */
export function portalConfigYaml(
  clusters: Array<
    ClusterEndpoint & { environment: string; region: string; role: string }
  >,
  caPem: string,
): string {
  const caData = Buffer.from(caPem).toString('base64');
  return stringify({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            title: `${c.name} (sandbox, ${c.region})`,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            caData,
            skipMetricsLookup: true,
          })),
        },
      ],
    },
    delivery: {
      clusters: clusters.map(c => ({
        name: c.name,
        environment: c.environment,
        region: c.region,
        role: c.role,
        sandbox: true,
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
