import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { scaffolderHeader } from '../__testUtils__/scaffolderCredentials';
import { deliveryPlugin } from '../plugin';

// Starts a test backend (plugins, database migrations) per test: seconds on a busy machine.
jest.setTimeout(60_000);

const entityRef = 'component:default/payment-service';
const SHA = 'abc1234';
const COMMITTED_AT = '2026-01-01T00:00:00Z';

describe('DORA API', () => {
  // The backend under test is reached for real; GitHub is answered here.
  const github = setupServer(
    http.all(/^http:\/\/(127\.0\.0\.1|localhost)[:/]/, () => passthrough()),
    http.get(
      `https://api.github.com/repos/acme/payments/commits/${SHA}`,
      ({ request: req }) =>
        req.headers.get('authorization') === 'token ghp_test'
          ? HttpResponse.json({
              sha: `${SHA}000`,
              commit: { committer: { date: COMMITTED_AT } },
            })
          : HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
    ),
    // Neither 2.0.0 nor v2.0.0 is a tag of the repository.
    http.get(
      /^https:\/\/api\.github\.com\/repos\/acme\/payments\/git\/ref\/tags(\/|%2F)/,
      () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
    ),
  );
  registerMswTestHooks(github);

  const start = (options: { deny?: boolean; github?: boolean } = {}) =>
    startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({
          data: options.github
            ? {
                integrations: {
                  github: [{ host: 'github.com', token: 'ghp_test' }],
                },
              }
            : {},
        }),
        ...(options.deny
          ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
          : []),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'payment-service',
                namespace: 'default',
                annotations: {
                  'backstage.io/kubernetes-id': 'payment-service',
                  'github.com/project-slug': 'acme/payments',
                },
              },
              spec: {
                type: 'service',
                owner: 'group:default/payments-team',
                lifecycle: 'production',
              },
            },
          ],
        }),
      ],
    });

  /** Records a run as the Delivery actions do: started, then finished. */
  async function recordRun(
    server: Parameters<typeof request>[0],
    action: string,
    status: 'succeeded' | 'failed',
    image?: string,
  ) {
    const started = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/alice'))
      .send({
        entityRef,
        environment: 'production',
        action,
        inputs: image ? { image } : {},
      });
    expect(started.status).toBe(201);
    const finished = await request(server)
      .post(`/api/delivery/runs/${started.body.id}/finish`)
      .set('Authorization', scaffolderHeader.own())
      .send({ status, summary: `${action} ${status}` });
    expect(finished.status).toBe(204);
  }

  it('derives the metrics from the run history, and lead time from GitHub', async () => {
    const { server } = await start({ github: true });
    await recordRun(
      server,
      'deploy',
      'succeeded',
      `ghcr.io/acme/payments:${SHA}`,
    );
    await recordRun(server, 'deploy', 'failed', 'ghcr.io/acme/payments:2.0.0');
    await recordRun(
      server,
      'deploy',
      'succeeded',
      'ghcr.io/acme/payments:2.0.0',
    );

    const answer = await request(server)
      .get('/api/delivery/dora')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(answer.status).toBe(200);
    expect(answer.body.window.days).toBe(30);
    expect(answer.body.environments.map((e: any) => e.environment)).toEqual([
      'staging',
      'production',
    ]);
    const production = answer.body.production;
    expect(production.deploymentFrequency).toMatchObject({
      state: 'measured',
      deploys: 2,
    });
    expect(production.changeFailureRate).toMatchObject({
      deploys: 3,
      failures: 1,
    });
    expect(production.timeToRestore).toMatchObject({
      state: 'measured',
      restores: 1,
    });
    expect(production.leadTime).toMatchObject({
      state: 'measured',
      measured: 1,
      unknown: [
        {
          reason: 'tag 2.0.0 is not a commit or git tag of acme/payments',
          deploys: 1,
        },
      ],
    });
    // Staging had no runs: no data, never 0%.
    expect(answer.body.environments[0].metrics.changeFailureRate).toEqual({
      state: 'no-data',
      reason: 'No deploys in the last 30 days',
    });

    const summary = await request(server)
      .get('/api/delivery/dora/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(summary.status).toBe(200);
    expect(summary.body.services).toEqual([
      expect.objectContaining({
        entityRef,
        owner: 'group:default/payments-team',
        metrics: expect.objectContaining({
          changeFailureRate: expect.objectContaining({
            failures: 1,
            deploys: 3,
          }),
        }),
      }),
    ]);
    expect(summary.body.teams).toEqual([
      expect.objectContaining({
        owner: 'group:default/payments-team',
        services: 1,
      }),
    ]);
  });

  it('says why lead time is unknown without a GitHub token', async () => {
    const { server } = await start();
    await recordRun(
      server,
      'deploy',
      'succeeded',
      `ghcr.io/acme/payments:${SHA}`,
    );
    const answer = await request(server)
      .get('/api/delivery/dora')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(answer.body.production.leadTime).toEqual({
      state: 'unknown',
      unknown: [
        {
          reason:
            'no GitHub token or app for github.com in integrations.github',
          deploys: 1,
        },
      ],
    });
  });

  it('refuses a caller who may not read the service, and summarizes nothing for them', async () => {
    const { server } = await start({ deny: true });
    const refused = await request(server)
      .get('/api/delivery/dora')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Not allowed to read DORA metrics of ${entityRef}`,
    );
    const summary = await request(server)
      .get('/api/delivery/dora/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(summary.body.services).toEqual([]);
  });

  it('names a bad entityRef', async () => {
    const { server } = await start();
    const bad = await request(server)
      .get('/api/delivery/dora')
      .query({ entityRef: 'not a ref:' })
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/entityRef/);
  });
});
