import { RolloutState } from './computeRollout';
import { ClusterSnapshot } from './api';
import type { DrReadiness } from '../dr/types';
import type { OverviewCost } from '../cost/api';

/** One service in one cluster, as the Delivery overview lists it. @public */
export interface OverviewRow extends OverviewEntity {
  cluster: string;
  environment: string;
  role: 'primary' | 'dr';
  state: RolloutState;
  summary: string;
  version?: string;
  ready: number;
  desired: number;
  lastChangeAt?: string;
  argo?: OverviewArgo;
}

/**
 * Where an Argo Rollout's canary stands, for the overview's state column; set only where
 * an Argo Rollout runs the service.
 * @public
 */
export interface OverviewArgo {
  /** The current step over the number of steps, as `kubectl argo rollouts` writes it. */
  step?: string;
  setWeightPercent?: number;
}

/** The overview as pages use it: one self-contained row per service and cluster. @public */
export interface DeliveryOverview {
  /** Changes whenever anything in the cache changed; equal versions mean equal answers. */
  version: number;
  generatedAt: string;
  /**
   * Where this overview stands, to ask for what changed since
   * (`GET /overview/changes?cursor=`); absent for an overview not read from the backend.
   */
  cursor?: string;
  clusters: ClusterSnapshot[];
  rows: OverviewRow[];
}

/** What the overview knows of a catalog entity, sent once however many clusters run it. @public */
export interface OverviewEntity {
  entityRef: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  tier: string;
  /**
   * DR readiness, for the overview's readiness column, distribution chart and worst-first
   * sort; absent for a service whose readiness has not been derived yet. `weights.fail`
   * breaks ties worst first (see `compareDrReadinessWorstFirst`).
   */
  dr?: Pick<DrReadiness, 'score' | 'grade' | 'weights'>;
  /** Monthly cost and budget status; absent until priced. */
  cost?: OverviewCost;
}

/** A service in a cluster on the wire: indexes into `services` and `clusters`. @public */
export interface OverviewPlacement {
  service: number;
  cluster: number;
  state: RolloutState;
  summary: string;
  version?: string;
  ready: number;
  desired: number;
  lastChangeAt?: string;
  argo?: OverviewArgo;
}

/**
 * What `GET /api/delivery/overview` answers. Entity facts and cluster facts are sent once
 * and referenced by index, which halves the answer for a catalog of thousands of services
 * in several clusters each; {@link expandOverview} turns it into rows.
 * @public
 */
export interface OverviewDocument {
  version: number;
  generatedAt: string;
  /**
   * Opaque: the overview's revision and what the caller may read. Sent back to
   * `GET /overview/changes?cursor=` it yields what changed since (see {@link OverviewChanges}).
   */
  cursor: string;
  clusters: ClusterSnapshot[];
  services: OverviewEntity[];
  placements: OverviewPlacement[];
}

/** The document as self-contained rows, in the document's order. @public */
export function expandOverview(document: OverviewDocument): DeliveryOverview {
  const { version, generatedAt, cursor, clusters, services, placements } =
    document;
  return {
    version,
    generatedAt,
    cursor,
    clusters,
    rows: placements.map(({ service, cluster, ...rollout }) => {
      const { name, environment, role } = clusters[cluster];
      return {
        ...services[service],
        cluster: name,
        environment,
        role,
        ...rollout,
      };
    }),
  };
}

/**
 * The rows back as a document (the inverse of {@link expandOverview}), so changes can be
 * applied to an overview a page holds as rows. A service without any row has none to
 * give back, and is left out: it showed nowhere.
 * @public
 */
export function compactOverview(overview: DeliveryOverview): OverviewDocument {
  const clusterIndex = new Map(overview.clusters.map((c, i) => [c.name, i]));
  const serviceIndex = new Map<string, number>();
  const services: OverviewEntity[] = [];
  const placements: OverviewPlacement[] = [];
  for (const row of overview.rows) {
    const {
      entityRef,
      name,
      title,
      owner,
      system,
      tier,
      dr,
      cost,
      cluster,
      environment: _environment,
      role: _role,
      ...placement
    } = row;
    let service = serviceIndex.get(entityRef);
    if (service === undefined) {
      service = services.length;
      serviceIndex.set(entityRef, service);
      services.push({ entityRef, name, title, owner, system, tier, dr, cost });
    }
    const index = clusterIndex.get(cluster);
    if (index !== undefined)
      placements.push({ ...placement, service, cluster: index });
  }
  return {
    version: overview.version,
    generatedAt: overview.generatedAt,
    cursor: overview.cursor ?? '',
    clusters: overview.clusters,
    services,
    placements,
  };
}

/** The document restricted to the services `keep` accepts, indexes renumbered. @public */
export function filterOverview(
  document: OverviewDocument,
  keep: (service: OverviewEntity) => boolean,
): OverviewDocument {
  const renumbered = new Map<number, number>();
  const services: OverviewEntity[] = [];
  document.services.forEach((service, index) => {
    if (!keep(service)) return;
    renumbered.set(index, services.length);
    services.push(service);
  });
  const placements: OverviewPlacement[] = [];
  for (const placement of document.placements) {
    const service = renumbered.get(placement.service);
    if (service !== undefined) placements.push({ ...placement, service });
  }
  return { ...document, services, placements };
}
