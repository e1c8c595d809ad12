import { LoggerService } from '@backstage/backend-plugin-api';
import { LABEL_TRACK } from '@internal/backstage-plugin-delivery-common';
import { ClusterConnection } from '@internal/backstage-plugin-delivery-node';
import { rolloutImage } from '../argo/argoRollout';
import { isHealthy } from '../argo/rolloutProgress';
import { KubeCluster } from '../kube/KubeCluster';
import { imageOf, trackOf } from '../workloads/DeployStep';
import { readWorkloads } from '../workloads/snapshot';
import { rolloutComplete } from '../workloads/waitForRollout';

/** One Deployment that serves a service's traffic, as it is now. */
export interface ServingDeployment {
  [key: string]: string | number | boolean;
  cluster: string;
  deployment: string;
  image: string;
  replicas: number;
  available: number;
  /** Its rollout is complete: every replica updated and available. */
  settled: boolean;
}

/**
 * What a service's traffic is served by in an environment's primary clusters today: the
 * Deployments with replicas, except that for blue-green only the colour the Service
 * selects counts (the other is the next deploy's, or kept for a fast way back); and the
 * Argo Rollouts with replicas, named `Rollout <name>`, settled when healthy on their
 * newest template. Read with the same label selector the actions use for writes.
 */
export async function servingDeploymentsIn(options: {
  environment: string;
  connections: ClusterConnection[];
  selector: string;
  logger: LoggerService;
}): Promise<{ clusters: string[]; serving: ServingDeployment[] }> {
  const primaries = options.connections.filter(
    c => c.environment === options.environment && c.role === 'primary',
  );
  const perCluster = await Promise.all(
    primaries.map(async connection => {
      const cluster = new KubeCluster(connection, options.logger);
      const { deployments, services, rollouts } = await readWorkloads(
        cluster,
        options.selector,
      );
      const live = services
        .map(s => s.spec?.selector?.[LABEL_TRACK])
        .find(Boolean);
      const byArgo = rollouts
        .filter(r => (r.spec.replicas ?? 0) > 0)
        .map(
          (r): ServingDeployment => ({
            cluster: cluster.name,
            deployment: `Rollout ${r.metadata.name ?? ''}`,
            image: rolloutImage(r) ?? '',
            replicas: r.spec.replicas ?? 0,
            available: r.status?.availableReplicas ?? 0,
            settled: isHealthy(r),
          }),
        );
      return deployments
        .filter(d => (d.spec?.replicas ?? 0) > 0)
        .filter(d => !live || trackOf(d) === live)
        .map(
          (d): ServingDeployment => ({
            cluster: cluster.name,
            deployment: d.metadata?.name ?? '',
            image: imageOf(d) ?? '',
            replicas: d.spec?.replicas ?? 0,
            available: d.status?.availableReplicas ?? 0,
            settled: rolloutComplete(d),
          }),
        )
        .concat(byArgo);
    }),
  );
  return { clusters: primaries.map(c => c.name), serving: perCluster.flat() };
}
