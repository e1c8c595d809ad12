import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryPlugin } from '../plugin';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy
// machine.
jest.setTimeout(30_000);

describe('runs API', () => {
  const entityRef = 'component:default/payment-service';
  const start = () =>
    startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payment-service', namespace: 'default' },
              spec: { type: 'service', owner: 'x', lifecycle: 'production' },
            },
          ],
        }),
      ],
    });
  const run = {
    entityRef: 'Component:payment-service',
    environment: 'staging',
    action: 'deploy',
    initiatedBy: 'user:default/alice',
    inputs: { image: 'payments:2.0.0' },
    before: { images: ['payments:1.0.0'] },
  };

  it('records runs the actions start and finish, and shows them to users', async () => {
    const { server } = await start();
    const service = mockCredentials.service.header();
    const started = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', service)
      .send(run);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ entityRef, status: 'running' });

    const second = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', service)
      .send({ ...run, initiatedBy: 'user:default/bob' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /deploy of component:default\/payment-service in staging is already running/,
    );

    const finished = await request(server)
      .post(`/api/delivery/runs/${started.body.id}/finish`)
      .set('Authorization', service)
      .send({
        status: 'succeeded',
        summary: 'payments:2.0.0 on staging',
        after: { images: ['payments:2.0.0'] },
      });
    expect(finished.status).toBe(204);

    const history = await request(server)
      .get('/api/delivery/runs')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(history.body.items).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        before: { images: ['payments:1.0.0'] },
        after: { images: ['payments:2.0.0'] },
      }),
    ]);
  });

  it('lets only services record runs, and names a bad field', async () => {
    const { server } = await start();
    const asUser = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', mockCredentials.user.header())
      .send(run);
    expect(asUser.status).toBe(403);

    const bad = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', mockCredentials.service.header())
      .send({ ...run, environment: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^environment:/);
  });
});
