import { ServiceSeed } from '../seed/catalog';
import { ClusterSpec } from './Cluster';

/** N clusters on free ports, staging and production alternating, all primary. */
export function benchmarkClusters(count: number): ClusterSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `c${String(i + 1).padStart(2, '0')}`,
    environment: i % 2 === 0 ? 'staging' : 'production',
    region: 'us-east-1',
    role: 'primary' as const,
    port: 0,
  }));
}

/**
 * Each service in `spread` of the `count` clusters, spaced evenly and rotated by its index,
 * so load is even and no two neighbours share all clusters.
 */
export function spreadPlacement(count: number, spread: number) {
  const step = Math.max(1, Math.floor(count / spread));
  return (service: ServiceSeed, clusterIndex: number): boolean => {
    const index = Number(service.name.replace(/\D/g, '')) || 0;
    for (let k = 0; k < spread; k++) {
      if ((index + k * step) % count === clusterIndex) return true;
    }
    return false;
  };
}
