import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  computeRollout,
  OverviewCost,
  OverviewDocument,
  OverviewEntity,
  OverviewPlacement,
  readDeliveryDescriptor,
  RolloutStatus,
  workloadLabelSelector,
} from '@internal/backstage-plugin-delivery-common';
import { ClusterCache, WorkloadSelector } from '../cache/ClusterCache';
import type { OverviewDr } from '../dr/DrReadinessService';

/**
 * Rollouts derived per cache version, so a full overview of thousands of services only
 * recomputes after something changed in a cluster.
 */
export class RolloutMemo {
  private version = -1;
  private readonly memo = new Map<string, RolloutStatus>();

  constructor(private readonly cache: ClusterCache) {}

  get(cluster: string, selector: WorkloadSelector, now: number): RolloutStatus {
    if (this.cache.version !== this.version) {
      this.memo.clear();
      this.version = this.cache.version;
    }
    const key = `${cluster}\u0000${workloadLabelSelector(selector)}`;
    let status = this.memo.get(key);
    if (!status) {
      status = computeRollout(this.cache.workloadsOf(cluster, selector), now);
      this.memo.set(key, status);
    }
    return status;
  }
}

/**
 * Every given entity in every cluster it runs in, plus one "not deployed" placement for
 * each place it should run but does not: a declared environment without it in any primary
 * cluster, and its declared DR region without it in any DR cluster of those environments.
 */
export function buildOverview(
  entities: Entity[],
  cache: ClusterCache | undefined,
  memo: RolloutMemo | undefined,
  now: number,
  /** Each service's DR readiness, by entity ref. */
  dr?: ReadonlyMap<string, OverviewDr>,
  /** Each service's monthly cost and budget status, by entity ref. */
  cost?: ReadonlyMap<string, OverviewCost>,
): OverviewDocument {
  const clusters = cache?.snapshots() ?? [];
  const services: OverviewEntity[] = [];
  const placements: OverviewPlacement[] = [];
  for (const entity of entities) {
    const descriptor = readDeliveryDescriptor(entity);
    const selector = descriptor.workloadSelector;
    if (!selector || !memo) continue;
    const service = services.length;
    const entityRef = stringifyEntityRef(entity);
    services.push({
      entityRef,
      name: entity.metadata.name,
      title: entity.metadata.title,
      owner:
        typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
      system:
        typeof entity.spec?.system === 'string'
          ? entity.spec.system
          : undefined,
      tier: descriptor.tier,
      dr: dr?.get(entityRef),
      cost: cost?.get(entityRef),
    });
    const missing = new Map<string, number>();
    const present = new Set<string>();
    clusters.forEach((cluster, index) => {
      const place = `${cluster.environment}/${cluster.role}`;
      const rollout = memo.get(cluster.name, selector, now);
      if (rollout.state === 'not-deployed') {
        const expected =
          descriptor.environments.includes(cluster.environment) &&
          (cluster.role === 'primary' ||
            descriptor.drRegion === cluster.region);
        if (expected && !missing.has(place)) missing.set(place, index);
        return;
      }
      present.add(place);
      placements.push({
        service,
        cluster: index,
        state: rollout.state,
        summary: rollout.summary,
        version: rollout.currentVersion,
        ready: rollout.ready,
        desired: rollout.desired,
        lastChangeAt: rollout.lastChangeAt,
        argo: rollout.argo && {
          step: rollout.argo.step,
          setWeightPercent: rollout.argo.setWeightPercent,
        },
      });
    });
    for (const [place, index] of missing) {
      if (present.has(place)) continue;
      const { role, environment } = clusters[index];
      placements.push({
        service,
        cluster: index,
        state: 'not-deployed',
        summary: `not deployed in any ${
          role === 'dr' ? 'DR ' : ''
        }cluster of ${environment}`,
        ready: 0,
        desired: 0,
      });
    }
  }
  return {
    version: cache?.version ?? 0,
    generatedAt: new Date(now).toISOString(),
    clusters,
    services,
    placements,
  };
}
