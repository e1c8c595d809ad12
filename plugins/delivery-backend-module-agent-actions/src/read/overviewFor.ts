import { InputError } from '@backstage/errors';
import type {
  ClusterSnapshot,
  OverviewDocument,
  OverviewEntity,
  OverviewPlacement,
} from '@internal/backstage-plugin-delivery-common';
import { fullRef, refOrUndefined } from './entityRefs';

/** At most this many services in one answer, so it fits an agent's context. */
export const OVERVIEW_SERVICE_LIMIT = 200;

/** Which services of the overview an agent asked for. */
export interface OverviewFilter {
  /** The owning group or user, as a ref (`group:default/payments`) or a name. */
  owner?: string;
  /** The system, as a ref or a name. */
  system?: string;
}

/** One service of the answer, with where it runs. */
export type OverviewService = OverviewEntity & {
  placements: Array<
    Omit<OverviewPlacement, 'service' | 'cluster'> & {
      cluster: string;
      environment: string;
      role: ClusterSnapshot['role'];
    }
  >;
};

/** The overview of the services an agent asked for, bounded. */
export interface FilteredOverview {
  generatedAt: string;
  clusters: ClusterSnapshot[];
  services: OverviewService[];
  /** How many services matched. */
  matched: number;
  /** How many of those were left out of `services` (the answer is bounded). */
  truncated: number;
}

/**
 * The services of the overview document that match the filter (owner and system, when
 * both are given), each with its placements, at most `limit`. Refs are compared in full
 * form, so `payments` and `group:default/payments` are the same owner.
 */
export function overviewFor(
  document: OverviewDocument,
  filter: OverviewFilter,
  limit = OVERVIEW_SERVICE_LIMIT,
): FilteredOverview {
  if (!filter.owner && !filter.system)
    throw new InputError(
      'owner, system: give at least one; the whole overview is too large to answer',
    );
  const owner = filter.owner && fullRef(filter.owner, 'group', 'owner');
  const system = filter.system && fullRef(filter.system, 'system', 'system');
  const matches = (service: OverviewEntity) =>
    (!owner || refOrUndefined(service.owner, 'group') === owner) &&
    (!system || refOrUndefined(service.system, 'system') === system);

  const chosen = new Map<number, OverviewService>();
  let matched = 0;
  document.services.forEach((service, index) => {
    if (!matches(service)) return;
    matched += 1;
    if (chosen.size < limit) chosen.set(index, { ...service, placements: [] });
  });
  for (const { service, cluster, ...rollout } of document.placements) {
    const { name, environment, role } = document.clusters[cluster];
    chosen
      .get(service)
      ?.placements.push({ cluster: name, environment, role, ...rollout });
  }
  return {
    generatedAt: document.generatedAt,
    clusters: document.clusters,
    services: [...chosen.values()],
    matched,
    truncated: matched - chosen.size,
  };
}
