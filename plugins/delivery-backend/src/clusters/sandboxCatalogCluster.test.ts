import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ClusterDirectory,
  kubeConfigFor,
  readDeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { clustersOnFreePorts, Fleet } from '@internal/sandbox-fleet';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import { startSeededFleet } from '../__testUtils__/seededFleet';

jest.setTimeout(20_000);

/**
 * The sandbox portal's production-dr as the fleet CLI writes it for the portal: absent from
 * the config locator, a kubernetes-cluster Resource in the catalog, read anonymously and
 * written with the token of `delivery.clusters[].write`.
 */
describe('the sandbox portal with production-dr in the catalog', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await startSeededFleet({
      clusters: clustersOnFreePorts(['production', 'production-dr']).map(c =>
        c.name === 'production-dr' ? { ...c, anonymousReads: true } : c,
      ),
    });
  });
  afterAll(() => fleet.stop());

  it('locates production-dr through the catalog, reads it anonymously and writes with its token', async () => {
    const config = new ConfigReader(
      parse(fleet.portalConfig({ catalogLocated: ['production-dr'] })),
    );
    const entities = parseAllDocuments(
      fleet.catalogClusterEntities(['production-dr']),
    ).map(document => {
      const entity = document.toJSON() as Entity;
      return {
        ...entity,
        metadata: { ...entity.metadata, namespace: 'default', uid: 'dr-uid' },
      };
    });
    const directory = ClusterDirectory.create({
      config,
      deliveryConfig: readDeliveryConfig(config),
      logger: mockServices.logger.mock(),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    expect(directory.connections.map(c => [c.name, c.locator])).toEqual([
      ['production', 'config'],
    ]);

    await directory.refresh();
    const dr = directory.connections.find(c => c.name === 'production-dr');
    expect(dr).toMatchObject({
      locator: 'catalog',
      environment: 'production',
      region: 'us-west-2',
      role: 'dr',
      authProvider: 'localKubectlProxy',
      url: fleet.member('production-dr')!.server.url,
    });

    const reads = kubeConfigFor(dr!, 'read');
    const deployments = await reads
      .makeApiClient(AppsV1Api)
      .listNamespacedDeployment({ namespace: 'propertyos' });
    expect(deployments.items.length).toBeGreaterThan(0);

    const configMap = (name: string) => ({
      namespace: 'propertyos',
      body: { metadata: { name }, data: { by: 'delivery' } },
    });
    // The read identity is anonymous: the cluster refuses its writes.
    await expect(
      reads
        .makeApiClient(CoreV1Api)
        .createNamespacedConfigMap(configMap('read-identity')),
    ).rejects.toMatchObject({ code: 403 });
    const written = await kubeConfigFor(dr!, 'write')
      .makeApiClient(CoreV1Api)
      .createNamespacedConfigMap(configMap('write-identity'));
    expect(written.metadata?.name).toBe('write-identity');
  });
});
