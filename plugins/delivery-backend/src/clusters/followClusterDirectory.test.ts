import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ClusterDirectory,
  readCostConfig,
  readDeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { clustersOnFreePorts, Fleet } from '@internal/sandbox-fleet';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { ClusterCache } from '../cache/ClusterCache';
import { CostEstimator } from '../cost/CostEstimator';
import { ConfiguredPricesSource } from '../cost/sources/ConfiguredPricesSource';
import { followClusterDirectory } from './followClusterDirectory';

jest.setTimeout(120_000);

/** A kubernetes-cluster Resource as the upstream catalog locator reads it. */
function clusterResource(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, uid: `${name}-uid`, namespace: 'default', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}

describe('catalog-located clusters in the cache', () => {
  let fleet: Fleet;
  let cache: ClusterCache;

  beforeAll(async () => {
    fleet = await startSeededFleet({
      clusters: clustersOnFreePorts(['staging']),
    });
  });
  afterAll(async () => {
    cache?.stop();
    await fleet.stop();
  });

  it('caches a Resource entity with the api-server annotations, read with delivery.clusters[].read', async () => {
    const staging = fleet.describe().find(c => c.name === 'staging')!;
    const annotations = {
      'kubernetes.io/api-server': staging.url,
      'kubernetes.io/api-server-certificate-authority': Buffer.from(
        fleet.tls.caPem,
      ).toString('base64'),
      // How people reach it through the Kubernetes plugin: their own token.
      'kubernetes.io/auth-provider': 'oidc',
      'kubernetes.io/oidc-token-provider': 'okta',
    };
    const catalog = catalogServiceMock({
      entities: [
        clusterResource('staging-eu', annotations),
        // Refused as upstream refuses it: a token does not belong in the catalog.
        clusterResource('token-in-catalog', {
          ...annotations,
          'kubernetes.io/auth-provider': 'serviceAccount',
        }),
      ],
    });
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        ],
      },
      delivery: {
        clusters: [
          {
            name: 'staging-eu',
            environment: 'staging',
            sandbox: true,
            read: {
              authProvider: 'serviceAccount',
              serviceAccountToken: fleet.member('staging')!.cluster.token,
            },
          },
          { name: 'token-in-catalog', environment: 'staging' },
        ],
      },
    });
    const logger = mockServices.logger.mock();
    const directory = ClusterDirectory.create({
      config,
      deliveryConfig: readDeliveryConfig(config),
      logger,
      catalog,
      auth: mockServices.auth(),
    });
    expect(directory.connections).toEqual([]);
    const deliveryConfig = readDeliveryConfig(config);
    cache = new ClusterCache(directory.connections, logger, {
      minBackoffMs: 100,
    });
    // Built at start-up like the cache, from the same (still empty) list.
    const estimator = new CostEstimator({
      config: deliveryConfig,
      connections: directory.connections,
      cache,
      source: new ConfiguredPricesSource(
        readCostConfig(config, deliveryConfig).prices,
      ),
      logger,
    });
    await cache.start();
    const scheduler = mockServices.scheduler.mock();
    await followClusterDirectory({
      directory,
      cache,
      scheduler,
      lifecycle: mockServices.lifecycle.mock(),
    });
    // Read now and every minute, on each replica.
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'local', frequency: { seconds: 60 } }),
    );
    await scheduler.scheduleTask.mock.calls[0][0].fn(
      new AbortController().signal,
    );

    expect(directory.connections.map(c => [c.name, c.locator])).toEqual([
      ['staging-eu', 'catalog'],
    ]);
    const [snapshot] = await eventually(
      async () => cache.snapshots(),
      list => list.length === 1 && list[0].state === 'ok',
      { what: 'the catalog-located cluster in the cache, in sync' },
    );
    expect(snapshot).toMatchObject({
      name: 'staging-eu',
      environment: 'staging',
      sandbox: true,
    });
    // The fleet's staging services, reached through the catalog entity's api-server.
    expect(cache.services().size).toBeGreaterThan(0);
    expect(estimator.clusters.map(c => c.name)).toEqual(['staging-eu']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Resource "token-in-catalog": the catalog cluster locator does not support the serviceAccount auth provider',
      ),
    );

    // The entity goes: so does the cluster.
    await catalog.removeEntityByUid('staging-eu-uid', {
      credentials: mockCredentials.service(),
    });
    await directory.refresh();
    expect(directory.connections).toEqual([]);
    expect(cache.snapshots()).toEqual([]);
  });

  it("shows a cluster reached with the signed-in user's token as unreadable, saying why", async () => {
    const staging = fleet.describe().find(c => c.name === 'staging')!;
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        ],
      },
      delivery: {
        clusters: [{ name: 'staging-oidc', environment: 'staging' }],
      },
    });
    const logger = mockServices.logger.mock();
    const directory = ClusterDirectory.create({
      config,
      deliveryConfig: readDeliveryConfig(config),
      logger,
      catalog: catalogServiceMock({
        entities: [
          clusterResource('staging-oidc', {
            'kubernetes.io/api-server': staging.url,
            'kubernetes.io/api-server-certificate-authority': 'Y2E=',
            'kubernetes.io/auth-provider': 'oidc',
          }),
        ],
      }),
      auth: mockServices.auth(),
    });
    const oidcCache = new ClusterCache(directory.connections, logger);
    await followClusterDirectory({
      directory,
      cache: oidcCache,
      scheduler: mockServices.scheduler.mock(),
      lifecycle: mockServices.lifecycle.mock(),
    });
    await directory.refresh();
    await directory.refresh();
    try {
      const [snapshot] = await eventually(
        async () => oidcCache.snapshots(),
        list => list.length === 1 && Boolean(list[0].error),
        { what: 'the oidc cluster in the cache, unreadable' },
      );
      expect(snapshot).toMatchObject({
        name: 'staging-oidc',
        state: 'unreachable',
        error: expect.stringContaining(
          "authProvider oidc needs the signed-in user's token",
        ),
      });
      // Once, however often the catalog is read.
      expect(
        logger.warn.mock.calls.filter(([m]) => String(m).includes('oidc')),
      ).toHaveLength(1);
    } finally {
      oidcCache.stop();
    }
  });
});
