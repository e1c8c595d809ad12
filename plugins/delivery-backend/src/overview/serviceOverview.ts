import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ClusterSnapshot,
  computeRollout,
  DeliveryDescriptor,
  OverviewCost,
  OverviewEntity,
  OverviewPlacement,
  readDeliveryDescriptor,
  workloadLabelSelector,
} from '@internal/backstage-plugin-delivery-common';
import { ClusterCache, WorkloadSelector } from '../cache/ClusterCache';
import type { OverviewDr } from '../dr/DrReadinessService';

/** A placement of one service, before it is numbered into a document. */
export type ServicePlacement = Omit<OverviewPlacement, 'service'>;

/** A catalog entity as the overview follows it. */
export interface OverviewSubject {
  entityRef: string;
  entity: Entity;
  descriptor: DeliveryDescriptor;
  selector: WorkloadSelector;
  /**
   * The id the cache indexes the entity's workloads under, and reports changes of: the
   * kubernetes-id label value, or the label selector it follows for the entity.
   */
  cacheKey: string;
}

/** The entity as the overview follows it; undefined for one that names no workloads. */
export function overviewSubjectOf(entity: Entity): OverviewSubject | undefined {
  const descriptor = readDeliveryDescriptor(entity);
  const selector = descriptor.workloadSelector;
  if (!selector) return undefined;
  return {
    entityRef: stringifyEntityRef(entity),
    entity,
    descriptor,
    selector,
    cacheKey:
      'kubernetesId' in selector
        ? selector.kubernetesId
        : workloadLabelSelector(selector)!,
  };
}

/** What the overview says of the entity itself, once however many clusters run it. */
export function overviewEntityOf(
  { entity, entityRef, descriptor }: OverviewSubject,
  dr: OverviewDr | undefined,
  cost: OverviewCost | undefined,
): OverviewEntity {
  return {
    entityRef,
    name: entity.metadata.name,
    title: entity.metadata.title,
    owner:
      typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
    system:
      typeof entity.spec?.system === 'string' ? entity.spec.system : undefined,
    tier: descriptor.tier,
    dr,
    cost,
  };
}

/**
 * The service's rollout in one cluster (the placement, numbered `index`), or null where
 * nothing of it runs.
 */
export function placementIn(
  { selector }: OverviewSubject,
  cluster: ClusterSnapshot,
  index: number,
  cache: ClusterCache,
  now: number,
): ServicePlacement | null {
  const rollout = computeRollout(
    cache.workloadsOf(cluster.name, selector),
    now,
  );
  if (rollout.state === 'not-deployed') return null;
  return {
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
  };
}

/** Each cluster's place (environment and role), per clusters list: written once, not per service. */
const placesByClusters = new WeakMap<ClusterSnapshot[], string[]>();

function placesOf(clusters: ClusterSnapshot[]): string[] {
  let places = placesByClusters.get(clusters);
  if (!places) {
    places = clusters.map(c => `${c.environment}/${c.role}`);
    placesByClusters.set(clusters, places);
  }
  return places;
}

/**
 * The service's placements from its rollout in each cluster (`cells`, by cluster index,
 * null where nothing runs), plus one "not deployed" placement for each place it should run
 * but does not: a declared environment without it in any primary cluster, and its declared
 * DR region without it in any DR cluster of those environments.
 */
export function placementsFrom(
  { descriptor }: OverviewSubject,
  clusters: ClusterSnapshot[],
  cells: (ServicePlacement | null)[],
): ServicePlacement[] {
  const placements: ServicePlacement[] = [];
  const missing = new Map<string, number>();
  const present = new Set<string>();
  const places = placesOf(clusters);
  clusters.forEach((cluster, index) => {
    const place = places[index];
    const cell = cells[index];
    if (!cell) {
      const expected =
        descriptor.environments.includes(cluster.environment) &&
        (cluster.role === 'primary' || descriptor.drRegion === cluster.region);
      if (expected && !missing.has(place)) missing.set(place, index);
      return;
    }
    present.add(place);
    placements.push(cell);
  });
  for (const [place, index] of missing) {
    if (present.has(place)) continue;
    const { role, environment } = clusters[index];
    placements.push({
      cluster: index,
      state: 'not-deployed',
      summary: `not deployed in any ${
        role === 'dr' ? 'DR ' : ''
      }cluster of ${environment}`,
      ready: 0,
      desired: 0,
    });
  }
  return placements;
}
