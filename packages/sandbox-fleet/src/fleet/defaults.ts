import { ClusterSpec } from './Cluster';

/** The fleet the portal starts with: staging, production, and production's DR region. */
export const DEFAULT_CLUSTERS: ClusterSpec[] = [
  {
    name: 'staging',
    environment: 'staging',
    region: 'us-east-1',
    role: 'primary',
    port: 6551,
  },
  {
    name: 'production',
    environment: 'production',
    region: 'us-east-1',
    role: 'primary',
    port: 6552,
  },
  {
    name: 'production-dr',
    environment: 'production',
    region: 'us-west-2',
    role: 'dr',
    port: 6553,
  },
];

/** The default clusters on free ports, for tests and benchmarks that run beside a portal. */
export function clustersOnFreePorts(names?: string[]): ClusterSpec[] {
  return DEFAULT_CLUSTERS.filter(c => !names || names.includes(c.name)).map(
    c => ({ ...c, port: 0 }),
  );
}

export const DEFAULT_ADMIN_PORT = 6550;
export const DEFAULT_SEED = 20261123;
