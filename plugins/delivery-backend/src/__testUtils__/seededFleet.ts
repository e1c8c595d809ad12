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
