import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ClusterSnapshot,
  computeRollout,
  kubernetesIdOf,
  DeliveryOverview,
  OverviewRow,
  readDeliveryDescriptor,
  RolloutStatus,
} from '@internal/backstage-plugin-delivery-common';
import { ClusterCache } from '../cache/ClusterCache';

/**
 * Rollouts derived per cache version, so a full overview of thousands of services only
 * recomputes after something changed in a cluster.
 */
export class RolloutMemo {
  private version = -1;
  private readonly memo = new Map<string, RolloutStatus>();

  constructor(private readonly cache: ClusterCache) {}

  get(cluster: string, service: string, now: number): RolloutStatus {
    if (this.cache.version !== this.version) {
      this.memo.clear();
      this.version = this.cache.version;
    }
    const key = `${cluster}\u0000${service}`;
    let status = this.memo.get(key);
    if (!status) {
      status = computeRollout(this.cache.workloads(cluster, service)!, now);
      this.memo.set(key, status);
    }
    return status;
  }
}

/**
 * Every given entity in every cluster it runs in, plus one "not deployed" row for each
 * place it should run but does not: a declared environment without it in any primary
 * cluster, and its declared DR region without it in any DR cluster of those environments.
 */
export function buildOverview(
  entities: Entity[],
  cache: ClusterCache | undefined,
  memo: RolloutMemo | undefined,
  now: number,
): DeliveryOverview {
  const clusters = cache?.snapshots() ?? [];
  const rows: OverviewRow[] = [];
  for (const entity of entities) {
    const descriptor = readDeliveryDescriptor(entity);
    const kubernetesId = kubernetesIdOf(descriptor);
    if (!kubernetesId || !memo) continue;
    const base = {
      entityRef: stringifyEntityRef(entity),
      name: entity.metadata.name,
      title: entity.metadata.title,
      owner:
        typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
      system:
        typeof entity.spec?.system === 'string'
          ? entity.spec.system
          : undefined,
      tier: descriptor.tier,
    };
    const missing = new Map<string, ClusterSnapshot>();
    const present = new Set<string>();
    for (const cluster of clusters) {
      const place = `${cluster.environment}/${cluster.role}`;
      const rollout = memo.get(cluster.name, kubernetesId, now);
      if (rollout.state === 'not-deployed') {
        const expected =
          descriptor.environments.includes(cluster.environment) &&
          (cluster.role === 'primary' ||
            descriptor.drRegion === cluster.region);
        if (expected && !missing.has(place)) missing.set(place, cluster);
        continue;
      }
      present.add(place);
      rows.push({
        ...base,
        cluster: cluster.name,
        environment: cluster.environment,
        role: cluster.role,
        state: rollout.state,
        summary: rollout.summary,
        version: rollout.currentVersion,
        ready: rollout.ready,
        desired: rollout.desired,
        lastChangeAt: rollout.lastChangeAt,
      });
    }
    for (const [place, cluster] of missing) {
      if (present.has(place)) continue;
      rows.push({
        ...base,
        cluster: cluster.name,
        environment: cluster.environment,
        role: cluster.role,
        state: 'not-deployed',
        summary: `not deployed in any ${
          cluster.role === 'dr' ? 'DR ' : ''
        }cluster of ${cluster.environment}`,
        ready: 0,
        desired: 0,
      });
    }
  }
  return {
    version: cache?.version ?? 0,
    generatedAt: new Date(now).toISOString(),
    clusters,
    rows,
  };
}
