import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { readDeliveryConfig } from '../config/readDeliveryConfig';
import { readClusterConnections } from './readClusterConnections';

describe('readClusterConnections', () => {
  it('joins the kubernetes cluster list with delivery.clusters, and says what it skips', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod',
                url: 'https://prod.example:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 't',
                caData: 'Y2E=',
              },
              {
                name: 'lab',
                url: 'https://lab.example:6443',
                authProvider: 'serviceAccount',
              },
              { name: 'eks', url: 'https://eks.example', authProvider: 'aws' },
            ],
          },
          { type: 'gke', projectId: 'x' },
        ],
      },
      delivery: {
        clusters: [
          { name: 'prod', environment: 'production', region: 'us-east-1' },
          { name: 'eks', environment: 'staging' },
          { name: 'gone', environment: 'staging' },
        ],
      },
    });
    const logger = mockServices.logger.mock();
    const connections = readClusterConnections(
      config,
      readDeliveryConfig(config),
      logger,
    );
    expect(connections).toEqual([
      expect.objectContaining({
        name: 'prod',
        url: 'https://prod.example:6443',
        caData: 'Y2E=',
        skipTLSVerify: false,
        environment: 'production',
        region: 'us-east-1',
        role: 'primary',
        sandbox: false,
        authProvider: 'serviceAccount',
        locator: 'config',
      }),
      expect.objectContaining({
        name: 'eks',
        url: 'https://eks.example',
        environment: 'staging',
        authProvider: 'aws',
      }),
    ]);
    expect(connections.map(c => c.unreadable)).toEqual([undefined, undefined]);
    const warnings = logger.warn.mock.calls.map(call => call[0]);
    expect(warnings).toEqual([
      expect.stringContaining('clusterLocatorMethods[1] of type gke'),
      expect.stringContaining('cluster lab is not in delivery.clusters'),
      expect.stringContaining('delivery.clusters names gone'),
    ]);
  });

  it('leaves names only a catalog locator may provide unwarned', () => {
    const config = new ConfigReader({
      kubernetes: { clusterLocatorMethods: [{ type: 'catalog' }] },
      delivery: { clusters: [{ name: 'later', environment: 'staging' }] },
    });
    const logger = mockServices.logger.mock();
    expect(
      readClusterConnections(config, readDeliveryConfig(config), logger),
    ).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
