import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  scaffolderHeader,
  serviceHeader,
} from '../__testUtils__/scaffolderCredentials';
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
    inputs: { image: 'payments:2.0.0' },
    before: { images: ['payments:1.0.0'] },
  };

  it('records runs the actions start and finish, and shows them to users', async () => {
    const { server } = await start();
    const started = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/alice'))
      .send(run);
    expect(started.status).toBe(201);
    // Who started it is the user the scaffolder acted for.
    expect(started.body).toMatchObject({
      entityRef,
      status: 'running',
      initiatedBy: 'user:default/alice',
    });

    const second = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/bob'))
      .send(run);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /deploy of component:default\/payment-service in staging is already running/,
    );

    const finished = await request(server)
      .post(`/api/delivery/runs/${started.body.id}/finish`)
      .set('Authorization', scaffolderHeader.own())
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

  it('lets only the runners of Delivery actions record runs, on behalf of a user, and names a bad field', async () => {
    const { server } = await start();
    const refused = async (authorization: string, body: object = run) => {
      const response = await request(server)
        .post('/api/delivery/runs')
        .set('Authorization', authorization)
        .send(body);
      expect(response.status).toBe(403);
      return response.body.error.message;
    };
    // A user, another plugin, or a user acted for by another plugin.
    expect(await refused(mockCredentials.user.header())).toMatch(
      /^Only Delivery's actions \(the scaffolder's, or the Delivery agent actions\) may call POST/,
    );
    await refused(serviceHeader('plugin:catalog'));
    await refused(
      `Bearer ${mockCredentials.user.token('user:default/alice', {
        actor: { subject: 'plugin:catalog' },
      })}`,
    );
    // The scaffolder with its own token: a run must say who started it.
    expect(await refused(scaffolderHeader.own())).toMatch(/records who acted/);
    // Who acted is never taken from the body: the contract has no such field.
    const named = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/alice'))
      .send({ ...run, initiatedBy: 'user:default/mallory' });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(/initiatedBy/);
    const history = await request(server)
      .get('/api/delivery/runs')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(history.body.items).toEqual([]);

    const bad = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/alice'))
      .send({ ...run, environment: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^environment:/);

    // The Delivery plugin's agent actions, acting for a user, record that user too.
    const agent = await request(server)
      .post('/api/delivery/runs')
      .set(
        'Authorization',
        `Bearer ${mockCredentials.user.token('user:default/alice', {
          actor: { subject: 'plugin:delivery' },
        })}`,
      )
      .send(run);
    expect(agent.status).toBe(201);
    expect(agent.body.initiatedBy).toBe('user:default/alice');
  });
});
