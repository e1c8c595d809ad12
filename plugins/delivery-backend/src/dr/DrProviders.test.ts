import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  ScriptedDatabaseProvider,
  scriptedDrProvidersModule,
} from '../__testUtils__/scriptedDrProviders';
import { deliveryPlugin } from '../plugin';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

const withDr = (dr: Record<string, string>) =>
  mockServices.rootConfig.factory({ data: { delivery: { dr } } });

describe('DR provider selection', () => {
  it('refuses to start when delivery.dr.databaseProvider names no provider, listing the known ones', async () => {
    await expect(
      startTestBackend({
        features: [
          databaseReleasedOnShutdown,
          deliveryPlugin,
          withDr({ databaseProvider: 'aws-rds' }),
        ],
      }),
    ).rejects.toThrow(
      'delivery.dr.databaseProvider "aws-rds" is not a registered DR provider; known: kubernetes',
    );
  });

  it('refuses to start when delivery.dr.dnsProvider names no provider, listing those modules added', async () => {
    await expect(
      startTestBackend({
        features: [
          databaseReleasedOnShutdown,
          deliveryPlugin,
          scriptedDrProvidersModule(new ScriptedDatabaseProvider({})),
          withDr({ databaseProvider: 'scripted', dnsProvider: 'route53' }),
        ],
      }),
    ).rejects.toThrow(
      'delivery.dr.dnsProvider "route53" is not a registered DR provider; known: scripted, kubernetes',
    );
  });

  it('starts with a provider a module added', async () => {
    await expect(
      startTestBackend({
        features: [
          databaseReleasedOnShutdown,
          deliveryPlugin,
          scriptedDrProvidersModule(new ScriptedDatabaseProvider({})),
          withDr({ databaseProvider: 'scripted', dnsProvider: 'kubernetes' }),
        ],
      }),
    ).resolves.toBeDefined();
  });
});
