import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readDeliveryConfig } from '../config/readDeliveryConfig';
import { ClusterDirectory } from './ClusterDirectory';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'production-dr',
    namespace: 'default',
    annotations: {
      'kubernetes.io/api-server': 'https://127.0.0.1:6553',
      'kubernetes.io/api-server-certificate-authority': 'Y2E=',
      'kubernetes.io/auth-provider': 'localKubectlProxy',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
};

/** A catalog whose kubernetes-cluster Resources the test sets, counting the reads. */
function changingCatalog() {
  const state = { items: [] as Entity[], reads: 0 };
  const catalog = {
    async getEntities() {
      state.reads += 1;
      return { items: state.items };
    },
  } as unknown as CatalogService;
  return { state, catalog };
}

async function scheduledDirectory(catalog: CatalogService) {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
      ],
    },
    delivery: {
      clusters: [{ name: 'production-dr', environment: 'production' }],
    },
  });
  const directory = ClusterDirectory.create({
    config,
    deliveryConfig: readDeliveryConfig(config),
    logger: mockServices.logger.mock(),
    catalog,
    auth: mockServices.auth(),
  });
  const scheduler = mockServices.scheduler.mock();
  await directory.scheduleRefresh(scheduler, 'test-directory');
  // The scheduler runs the minute task at once; the mock leaves that to the test.
  await scheduler.scheduleTask.mock.calls[0][0].fn(
    new AbortController().signal,
  );
  return directory;
}

describe('ClusterDirectory right after start', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the catalog every 5 s until it locates a cluster, not a minute later', async () => {
    const { state, catalog } = changingCatalog();
    const directory = await scheduledDirectory(catalog);
    expect(directory.connections).toEqual([]);

    // The catalog has processed its locations by now.
    state.items = [cluster];
    await jest.advanceTimersByTimeAsync(5_000);
    expect(directory.connections.map(c => [c.name, c.locator])).toEqual([
      ['production-dr', 'catalog'],
    ]);

    // Found: back to the minute task alone.
    const reads = state.reads;
    await jest.advanceTimersByTimeAsync(30_000);
    expect(state.reads).toBe(reads);
  });

  it('stops reading every 5 s after two minutes when the catalog has no clusters', async () => {
    const { state, catalog } = changingCatalog();
    await scheduledDirectory(catalog);
    await jest.advanceTimersByTimeAsync(125_000);
    const reads = state.reads;
    expect(reads).toBeGreaterThan(20);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(state.reads).toBe(reads);
  });
});
