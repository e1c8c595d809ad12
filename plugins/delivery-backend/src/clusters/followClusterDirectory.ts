import {
  LifecycleService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ClusterDirectory } from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from '../cache/ClusterCache';

/**
 * Keeps the cache on the clusters the directory locates: starts the watches of a
 * catalog cluster that appears and stops those of one that goes.
 */
export async function followClusterDirectory(options: {
  directory: ClusterDirectory;
  cache?: ClusterCache;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
}): Promise<void> {
  const { directory, cache, scheduler, lifecycle } = options;
  if (cache) {
    const unsubscribe = directory.subscribe(({ added, removed }) => {
      removed.forEach(c => cache.removeCluster(c.name));
      added.forEach(c => void cache.addCluster(c));
    });
    lifecycle.addShutdownHook(unsubscribe);
  }
  await directory.scheduleRefresh(scheduler, 'delivery-cluster-directory');
}
