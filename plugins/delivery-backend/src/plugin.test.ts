import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { stagingAndProductionConfig } from './__testUtils__/stagingAndProductionConfig';
import { deliveryPlugin } from './plugin';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

const config = stagingAndProductionConfig({
  clusters: [
    { name: 'sandbox-staging', environment: 'staging', region: 'us-east-1' },
  ],
});

describe('delivery backend', () => {
  it('reports health with the configured environments and clusters', async () => {
    const { server } = await startTestBackend({
      features: [databaseReleasedOnShutdown, deliveryPlugin, config],
    });
    const res = await request(server)
      .get('/api/delivery/health')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      environments: [
        { name: 'staging', production: false },
        { name: 'production', production: true },
      ],
      clusters: [
        {
          name: 'sandbox-staging',
          environment: 'staging',
          region: 'us-east-1',
          role: 'primary',
          sandbox: false,
        },
      ],
    });
  });

  it('refuses unauthenticated callers', async () => {
    const { server } = await startTestBackend({
      features: [databaseReleasedOnShutdown, deliveryPlugin, config],
    });
    const res = await request(server)
      .get('/api/delivery/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('refuses to start when a cluster maps to an unknown environment', async () => {
    await expect(
      startTestBackend({
        features: [
          databaseReleasedOnShutdown,
          deliveryPlugin,
          mockServices.rootConfig.factory({
            data: {
              delivery: { clusters: [{ name: 'c', environment: 'qa' }] },
            },
          }),
        ],
      }),
    ).rejects.toThrow('delivery.clusters[0].environment "qa"');
  });

  it('lists runs of an entity, naming the field when the query is bad', async () => {
    const { server } = await startTestBackend({
      features: [databaseReleasedOnShutdown, deliveryPlugin, config],
    });
    const auth = mockCredentials.user.header();

    const missing = await request(server)
      .get('/api/delivery/runs')
      .set('Authorization', auth);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('entityRef');

    const badRef = await request(server)
      .get('/api/delivery/runs?entityRef=not a ref')
      .set('Authorization', auth);
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toContain('entityRef');

    const badLimit = await request(server)
      .get('/api/delivery/runs?entityRef=component:default/x&limit=5000')
      .set('Authorization', auth);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toContain('limit');

    const ok = await request(server)
      .get('/api/delivery/runs?entityRef=component:default/payment-service')
      .set('Authorization', auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ items: [] });
  });

  it('refuses run history to a caller the policy denies', async () => {
    const { server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        config,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server)
      .get('/api/delivery/runs?entityRef=component:default/payment-service')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
  });
});
