import type { ClusterConnection } from '@internal/backstage-plugin-delivery-node';
import {
  clustersOnFreePorts,
  Fleet,
  FleetOptions,
} from '@internal/sandbox-fleet';
import { resolve } from 'node:path';

/**
 * The sandbox fleet seeded from the repository's catalog, on free ports, with controllers
 * stopped unless `options` ask for them: the fleet the portal starts with, for tests.
 */
export function startSeededFleet(
  options: Partial<FleetOptions> = {},
): Promise<Fleet> {
  return Fleet.start({
    catalogDir: resolve(__dirname, '../../../../catalog'),
    clusters: clustersOnFreePorts(),
    adminPort: 0,
    autoTick: false,
    ...options,
  });
}

/** How the backend reaches each of the fleet's clusters, as readClusterConnections would. */
export function fleetConnections(fleet: Fleet): ClusterConnection[] {
  return fleet.describe().map(c => ({
    name: c.name,
    url: c.url,
    token: fleet.member(c.name)!.cluster.token,
    caData: Buffer.from(fleet.tls.caPem).toString('base64'),
    environment: c.environment,
    region: c.region,
    role: c.role,
    sandbox: true,
  }));
}
