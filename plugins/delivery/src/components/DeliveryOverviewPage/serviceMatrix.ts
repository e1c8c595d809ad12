import {
  DeliveryOverview,
  OverviewEntity,
  OverviewRow,
  RolloutState,
} from '@internal/backstage-plugin-delivery-common';

/** Where a service runs in one environment: its primary clusters and its DR clusters. */
export interface EnvironmentPlacements {
  primary: OverviewRow[];
  dr: OverviewRow[];
}

/** One service of the matrix: its catalog facts once, its placements by environment. */
export interface MatrixService extends OverviewEntity {
  /** The entity ref: the table's row key. */
  id: string;
  environments: Record<string, EnvironmentPlacements>;
  /** Every state the service is in, in any environment, for the state filter. */
  states: Set<RolloutState>;
  /** Its rows in the overview's order, for the CSV. */
  rows: OverviewRow[];
}

/** The overview turned around: one entry per service, one column per environment. */
export interface ServiceMatrix {
  /** The environments in the order the configuration lists their clusters. */
  environments: string[];
  services: MatrixService[];
}

/**
 * The environments as columns: in the order the overview lists its clusters (which is
 * the configuration's), then any environment only rows name (a cluster gone from the
 * configuration whose rows are still cached), so no placement is left without a column.
 */
function environmentsOf(overview: DeliveryOverview): string[] {
  const seen = new Set<string>();
  for (const cluster of overview.clusters) seen.add(cluster.environment);
  for (const row of overview.rows) seen.add(row.environment);
  return [...seen];
}

/** Builds the matrix in one pass over the rows: linear in the size of the overview. */
export function buildServiceMatrix(overview: DeliveryOverview): ServiceMatrix {
  const byRef = new Map<string, MatrixService>();
  for (const row of overview.rows) {
    let service = byRef.get(row.entityRef);
    if (!service) {
      service = {
        id: row.entityRef,
        entityRef: row.entityRef,
        name: row.name,
        title: row.title,
        owner: row.owner,
        system: row.system,
        tier: row.tier,
        dr: row.dr,
        cost: row.cost,
        environments: {},
        states: new Set(),
        rows: [],
      };
      byRef.set(row.entityRef, service);
    }
    const placements = (service.environments[row.environment] ??= {
      primary: [],
      dr: [],
    });
    placements[row.role === 'dr' ? 'dr' : 'primary'].push(row);
    service.states.add(row.state);
    service.rows.push(row);
  }
  return {
    environments: environmentsOf(overview),
    services: [...byRef.values()],
  };
}

/**
 * Where a DR cluster is, as its line under production says it: the region when the
 * configuration gives one, else the cluster's name.
 */
export function drSiteName(
  overview: DeliveryOverview,
): (row: OverviewRow) => string {
  const regions = new Map<string, string>();
  for (const cluster of overview.clusters)
    if (cluster.region) regions.set(cluster.name, cluster.region);
  return row => regions.get(row.cluster) ?? row.cluster;
}
