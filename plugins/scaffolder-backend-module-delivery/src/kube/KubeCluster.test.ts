import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { LABEL_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import {
  kubeConfigFor,
  readClusterConnections,
  readDeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { clustersOnFreePorts, Fleet } from '@internal/sandbox-fleet';
import { AppsV1Api } from '@kubernetes/client-node';
import { startSandboxFleet } from '../__testUtils__/startDeliveryActionsBackend';
import { KubeCluster } from './KubeCluster';

jest.setTimeout(20_000);

describe('KubeCluster credentials', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startSandboxFleet({
      clusters: clustersOnFreePorts(['staging']),
      autoTick: false,
    });
  });
  afterAll(() => fleet.stop());

  it('writes with delivery.clusters[].write while reads keep the read identity', async () => {
    const staging = fleet.describe().find(c => c.name === 'staging')!;
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'staging',
                url: staging.url,
                caData: Buffer.from(fleet.tls.caPem).toString('base64'),
                authProvider: 'serviceAccount',
                // Not the fleet's token: the API server refuses the read identity.
                serviceAccountToken: 'read-only-token',
              },
            ],
          },
        ],
      },
      delivery: {
        clusters: [
          {
            name: 'staging',
            environment: 'staging',
            write: {
              authProvider: 'serviceAccount',
              serviceAccountToken: fleet.member('staging')!.cluster.token,
            },
          },
        ],
      },
    });
    const logger = mockServices.logger.mock();
    const [connection] = readClusterConnections(
      config,
      readDeliveryConfig(config),
      logger,
    );

    const cluster = new KubeCluster(connection, logger);
    const [deployment] = await cluster.deploymentsOf(LABEL_KUBERNETES_ID);
    const { namespace, name } = deployment.metadata!;
    await cluster.patchDeployment(namespace!, name!, {
      metadata: { annotations: { 'example.com/written-by': 'write-identity' } },
    });
    const reread = await cluster.readDeployment(namespace!, name!);
    expect(reread.metadata?.annotations?.['example.com/written-by']).toBe(
      'write-identity',
    );

    await expect(
      kubeConfigFor(connection)
        .makeApiClient(AppsV1Api)
        .readNamespacedDeployment({ namespace: namespace!, name: name! }),
    ).rejects.toMatchObject({ code: 401 });
  });
});
