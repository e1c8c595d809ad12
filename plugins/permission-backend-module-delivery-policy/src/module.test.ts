import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deliveryProductionActionRunPermission } from '@internal/backstage-plugin-delivery-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import permissionModuleDeliveryPolicy from './index';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

describe('permissionModuleDeliveryPolicy', () => {
  it('answers the permission backend for production actions', async () => {
    const { server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        permissionBackend,
        permissionModuleDeliveryPolicy,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            // The mock user info service reports a user's own ref as its only ownership.
            delivery: { platformTeams: ['user:default/alice'] },
          },
        }),
      ],
    });
    const ask = (user: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: [
            {
              id: '1',
              permission: deliveryProductionActionRunPermission,
              resourceRef: 'component:default/payment-service',
            },
          ],
        });

    const alice = await ask('user:default/alice');
    const bob = await ask('user:default/bob');
    expect(alice.status).toBe(200);
    expect(alice.body.items[0].result).toBe(AuthorizeResult.ALLOW);
    expect(bob.body.items[0].result).toBe(AuthorizeResult.DENY);
  });
});
