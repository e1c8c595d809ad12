import {
  DeliveryHealth,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';

/** One version running in an environment, and the clusters it runs on. */
export interface RunningVersion {
  version: string;
  image: string;
  clusters: string[];
}

/** A row of the Actions card: an environment of the service and what runs there. */
export interface EnvironmentAction {
  name: string;
  /** From the backend's `delivery.environments`; undefined when that is not known. */
  production?: boolean;
  /** False when the backend is known not to have this environment configured. */
  configured: boolean;
  /** In cluster order (primary before DR); more than one when clusters disagree. */
  versions: RunningVersion[];
  /** The image a Deploy starts from: the first primary cluster's, else any cluster's. */
  image?: string;
  /** Whether the backend maps a DR cluster to this environment: a failover has a target. */
  drCluster: boolean;
  /**
   * The bounds of the autoscaler of the serving Deployment when every primary cluster that
   * runs the service has one with the same bounds; a Scale starts from them.
   */
  hpa?: { min: number; max: number };
  /** Whether an Argo Rollout runs the service in a primary cluster of this environment. */
  argo: boolean;
}

/** The primary clusters' shared autoscaler bounds; undefined when one has none or they differ. */
function sharedHpaBounds(
  name: string,
  rollouts: EntityRollouts,
): EnvironmentAction['hpa'] {
  const hpas = rollouts.clusters
    .filter(
      ({ cluster, rollout }) =>
        cluster.environment === name &&
        cluster.role === 'primary' &&
        rollout.state !== 'not-deployed',
    )
    .map(({ rollout }) => rollout.hpa);
  const [first] = hpas;
  if (!first || hpas.some(h => h?.min !== first.min || h?.max !== first.max))
    return undefined;
  return { min: first.min, max: first.max };
}

/**
 * The service's declared environments, in the order it declares them, with the versions
 * its clusters run there and whether the backend calls them production. Clusters where the
 * service is not deployed add no version.
 */
export function environmentActions(
  environments: string[],
  rollouts: EntityRollouts,
  health?: DeliveryHealth,
): EnvironmentAction[] {
  return environments.map(name => {
    const versions: RunningVersion[] = [];
    for (const { cluster, rollout } of rollouts.clusters) {
      if (cluster.environment !== name || !rollout.currentImage) continue;
      if (rollout.state === 'not-deployed') continue;
      const known = versions.find(v => v.image === rollout.currentImage);
      if (known) {
        known.clusters.push(cluster.name);
      } else {
        versions.push({
          version: rollout.currentVersion ?? rollout.currentImage,
          image: rollout.currentImage,
          clusters: [cluster.name],
        });
      }
    }
    const configuredEnvironment = health?.environments.find(
      env => env.name === name,
    );
    return {
      name,
      production: health
        ? Boolean(configuredEnvironment?.production)
        : undefined,
      configured: !health || Boolean(configuredEnvironment),
      versions,
      image: versions[0]?.image,
      drCluster: Boolean(
        health?.clusters.some(c => c.environment === name && c.role === 'dr'),
      ),
      hpa: sharedHpaBounds(name, rollouts),
      argo: rollouts.clusters.some(
        ({ cluster, rollout }) =>
          cluster.environment === name &&
          cluster.role === 'primary' &&
          Boolean(rollout.argo),
      ),
    };
  });
}
