import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  deliveryDrProvidersExtensionPoint,
  DrDatabaseProvider,
  DrDnsProvider,
} from '@internal/backstage-plugin-delivery-node';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import deliveryModuleAwsDr from './index';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

/** Stands in for the Delivery backend: collects what modules add through the extension point. */
function deliveryPluginCollecting() {
  const added = {
    database: [] as DrDatabaseProvider[],
    dns: [] as DrDnsProvider[],
  };
  const plugin = createBackendPlugin({
    pluginId: 'delivery',
    register(env) {
      env.registerExtensionPoint(deliveryDrProvidersExtensionPoint, {
        addDatabaseProvider: provider => added.database.push(provider),
        addDnsProvider: provider => added.dns.push(provider),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, added };
}

describe('deliveryModuleAwsDr', () => {
  it('adds the aws-rds and aws-route53 providers when delivery.dr.aws is set', async () => {
    const { plugin, added } = deliveryPluginCollecting();
    await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        plugin,
        deliveryModuleAwsDr,
        mockServices.rootConfig.factory({
          data: {
            delivery: {
              dr: {
                databaseProvider: 'aws-rds',
                dnsProvider: 'aws-route53',
                aws: {
                  hostedZoneId: 'Z0123456789ABC',
                  topology: 'aurora-global',
                },
              },
            },
          },
        }),
      ],
    });
    expect(added.database.map(p => p.id)).toEqual(['aws-rds']);
    expect(added.dns.map(p => p.id)).toEqual(['aws-route53']);
  });

  it('adds nothing without delivery.dr.aws', async () => {
    const { plugin, added } = deliveryPluginCollecting();
    await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        plugin,
        deliveryModuleAwsDr,
        mockServices.rootConfig.factory({
          data: { delivery: { dr: { databaseProvider: 'kubernetes' } } },
        }),
      ],
    });
    expect(added.database).toEqual([]);
    expect(added.dns).toEqual([]);
  });

  it('stops the backend naming the key of a wrong value', async () => {
    const { plugin } = deliveryPluginCollecting();
    await expect(
      startTestBackend({
        features: [
          databaseReleasedOnShutdown,
          plugin,
          deliveryModuleAwsDr,
          mockServices.rootConfig.factory({
            data: { delivery: { dr: { aws: { topology: 'instance' } } } },
          }),
        ],
      }),
    ).rejects.toThrow('delivery.dr.aws.hostedZoneId is required');
  });
});
