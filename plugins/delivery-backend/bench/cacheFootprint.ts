import { mockServices } from '@backstage/backend-test-utils';
import { ClusterCache } from '../src/cache/ClusterCache';
import { FleetProcess } from './fleetProcess';

/** What the cluster cache holds for a fleet, and what each object costs in heap. */
export interface CacheFootprint {
  objects: number;
  bytesPerObject: number;
  /** False without `--expose-gc`: the figure then includes garbage. */
  afterGc: boolean;
}

/**
 * Fills a cluster cache from the fleet on its own, and measures what is freed when it
 * goes: that way code loaded on first use and per-connection buffers do not count as
 * cached objects.
 */
export async function measureCacheFootprint(
  fleet: FleetProcess,
): Promise<CacheFootprint> {
  const connections = fleet.clusters.map((c, i) => ({
    name: c.name,
    url: c.url,
    token: c.serviceAccountToken,
    caData: c.caData,
    environment: fleet.config.delivery.clusters[i].environment,
    role: 'primary' as const,
    sandbox: true,
  }));
  const logger = mockServices.rootLogger({ level: 'error' });
  let cache: ClusterCache | undefined = new ClusterCache(connections, logger);
  await cache.start();
  cache.stop();
  await new Promise(r => setTimeout(r, 200));
  const gc = (global as any).gc as (() => void) | undefined;
  const settledHeap = () => {
    for (let i = 0; i < 3; i++) gc?.();
    return process.memoryUsage().heapUsed;
  };
  const heapWithCache = settledHeap();
  const objects = cache.objectCount();
  cache = undefined;
  const heapWithoutCache = settledHeap();
  return {
    objects,
    bytesPerObject: Math.round((heapWithCache - heapWithoutCache) / objects),
    afterGc: Boolean(gc),
  };
}
