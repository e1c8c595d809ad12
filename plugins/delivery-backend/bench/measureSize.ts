/* eslint-disable no-console */
import { mockCredentials } from '@backstage/backend-test-utils';
import { OverviewDocument } from '@internal/backstage-plugin-delivery-common';
import permissionModuleDeliveryPolicy from '@internal/backstage-plugin-permission-backend-module-delivery-policy';
import { syntheticCatalog } from '@internal/sandbox-fleet';
import {
  PortalConfig,
  startBesidePortal,
  startCatalogAndPermissions,
  untilCatalogServes,
} from '../src/__testUtils__/realPortalBackends';
import { deliveryPlugin } from '../src/plugin';
import { measureCacheFootprint } from './cacheFootprint';
import { BenchFigures, BenchSize } from './figures';
import {
  kubernetesRequests,
  resetKubernetesRequests,
  startFleet,
} from './fleetProcess';
import { bytesOnTheWire, getJson, msSince } from './http';
import { percentile, timeConcurrentClients } from './loadClients';
import { measureChangeVisible } from './measureChange';
import { measureUpstreamFanOut } from './upstreamFanOut';

const TEAMS = 10;
const CLIENTS = 10;
const REQUESTS_PER_CLIENT = 20;
const UPSTREAM_SAMPLE = 50;
/** A signed-in member of one team: the policy resolves ownership from its groups. */
const USER = 'user:default/synthetic-user-00';

/**
 * One size, through real parts: the sandbox fleet in its own process, the real catalog
 * (entities from an entity provider) and permission backend (the project's policy module),
 * the Delivery backend beside them, then upstream's Kubernetes backend beside them.
 */
export async function measureSize(size: BenchSize): Promise<BenchFigures> {
  const say = (line: string) => console.log(`[${size.services}] ${line}`);
  const expectedPlacements = size.services * size.spread;
  const authorization = mockCredentials.user.header(USER);
  const fleet = await startFleet(size);
  try {
    const cache = await measureCacheFootprint(fleet);
    say(
      `cache: ${cache.objects} objects, ${
        cache.bytesPerObject
      } bytes per object${cache.afterGc ? '' : ' (no --expose-gc)'}`,
    );

    const catalog = syntheticCatalog(size.services, TEAMS);
    const config: PortalConfig = {
      ...fleet.config,
      permission: { enabled: true },
      catalog: { rules: [{ allow: ['Component', 'Group', 'User'] }] },
    };
    const ingestStart = process.hrtime.bigint();
    const portal = await startCatalogAndPermissions({
      config,
      entities: catalog.entities,
      members: catalog.members,
      policy: permissionModuleDeliveryPolicy,
      logLevel: 'error',
    });
    await untilCatalogServes(portal.url, size.services, {
      timeoutMs: 30 * 60_000,
    });
    const catalogSeconds = msSince(ingestStart) / 1000;
    say(
      `catalog: ${
        size.services
      } components processed and stitched in ${catalogSeconds.toFixed(0)} s`,
    );

    try {
      await resetKubernetesRequests(fleet.admin);
      const coldStart = process.hrtime.bigint();
      const delivery = await startBesidePortal({
        config,
        portalUrl: portal.url,
        features: [deliveryPlugin],
        logLevel: 'error',
      });
      const overviewUrl = `${delivery.url}/api/delivery/overview`;
      let document: OverviewDocument;
      for (;;) {
        document = (await getJson<OverviewDocument>(
          overviewUrl,
          authorization,
        ))!;
        if (
          document.clusters.every(c => c.state === 'ok') &&
          document.services.length === size.services &&
          document.placements.length >= expectedPlacements
        )
          break;
        await new Promise(r => setTimeout(r, 100));
      }
      const coldSeconds = msSince(coldStart) / 1000;
      const coldRequests = await kubernetesRequests(fleet.admin);
      say(
        `cold start to a complete overview: ${coldSeconds.toFixed(1)} s, ${
          document.services.length
        } services, ${
          document.placements.length
        } placements, ${coldRequests} Kubernetes requests`,
      );

      await resetKubernetesRequests(fleet.admin);
      const full = await bytesOnTheWire(overviewUrl, authorization);
      const warmRequests = await kubernetesRequests(fleet.admin);
      const jsonBytes = Buffer.byteLength(JSON.stringify(document));
      say(
        `overview: ${(jsonBytes / 1e6).toFixed(2)} MB of JSON, ${(
          full.bytes / 1e3
        ).toFixed(0)} kB ${
          full.encoding ?? 'unencoded'
        }; ${warmRequests} Kubernetes requests warm`,
      );

      const latencies = await timeConcurrentClients({
        url: overviewUrl,
        authorization,
        clients: CLIENTS,
        requests: REQUESTS_PER_CLIENT,
      });
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      say(
        `${CLIENTS} clients x ${REQUESTS_PER_CLIENT}: p50 ${p50.toFixed(
          0,
        )} ms, p99 ${p99.toFixed(0)} ms`,
      );

      const change = await measureChangeVisible({
        fleet,
        deliveryUrl: delivery.url,
        authorization,
        document,
      });
      say(
        `a change visible: ${change.documentMs.toFixed(
          0,
        )} ms polling the document${
          change.changes
            ? `, ${change.changes.ms.toFixed(0)} ms through changes (${
                change.changes.bytes
              } bytes)`
            : ', changes endpoint n/a'
        }`,
      );
      const memory = process.memoryUsage();
      await delivery.stop();

      const upstream = await measureUpstreamFanOut({
        config,
        portalUrl: portal.url,
        fleet,
        components: catalog.entities.filter(e => e.kind === 'Component'),
        authorization,
        sample: UPSTREAM_SAMPLE,
      });
      say(
        `upstream: ${upstream.sampleRequests} Kubernetes requests for ${
          upstream.sample
        } services in ${upstream.sampleSeconds.toFixed(1)} s; scaled: ${
          upstream.requestsPerOverview
        } requests, ~${upstream.secondsPerOverview.toFixed(0)} s`,
      );

      return {
        size,
        catalogSeconds,
        cache,
        coldSeconds,
        coldRequests,
        warmRequests,
        overviewJsonBytes: jsonBytes,
        overviewGzipBytes: full.bytes,
        p50Ms: p50,
        p99Ms: p99,
        change,
        rssBytes: memory.rss,
        heapBytes: memory.heapUsed,
        upstream,
      };
    } finally {
      await portal.stop();
    }
  } finally {
    fleet.stop();
  }
}
