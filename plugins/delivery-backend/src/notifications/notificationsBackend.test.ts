import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import slackModule from '@backstage/plugin-notifications-backend-module-slack';
import {
  databaseReleasedOnShutdown,
  eventually,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { scaffolderHeader } from '../__testUtils__/scaffolderCredentials';
import { deliveryPlugin } from '../plugin';

// Starts a backend with the Delivery and notifications plugins per test: seconds on a
// busy machine.
jest.setTimeout(60_000);

const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const SLACK_CHANNEL = 'C0PAYMENTS';

/** The catalog as it serves a team, its two members and a service the team owns. */
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'payments-team',
      namespace: 'default',
      annotations: { 'slack.com/bot-notify': SLACK_CHANNEL },
    },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'hasMember', targetRef: CAROL },
      { type: 'hasMember', targetRef: DAN },
    ],
  },
  ...['carol', 'dan'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: ['payments-team'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payment-service', namespace: 'default' },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
];

const slack = setupServer();
// Only Slack's API is stubbed: the test's own calls to the backend go through.
beforeAll(() =>
  slack.listen({
    onUnhandledRequest: (req, print) => {
      if (new URL(req.url).hostname === 'slack.com') print.error();
    },
  }),
);
afterEach(() => slack.resetHandlers());
afterAll(() => slack.close());

/** What Slack's Web API was asked to post, as the client sent it (form or JSON). */
function recordSlackPosts() {
  const posts: Array<Record<string, unknown>> = [];
  slack.use(
    http.post(
      'https://slack.com/api/chat.postMessage',
      async ({ request: req }) => {
        const body = await req.text();
        posts.push(
          req.headers.get('content-type')?.includes('json')
            ? JSON.parse(body)
            : Object.fromEntries(new URLSearchParams(body)),
        );
        return HttpResponse.json({
          ok: true,
          channel: SLACK_CHANNEL,
          ts: `1765100000.00000${posts.length}`,
        });
      },
    ),
  );
  return posts;
}

async function start(extra: BackendFeature[] = [], config: object = {}) {
  const { server } = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      deliveryPlugin,
      notificationsBackend,
      ...extra,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.example.com' },
          delivery: {
            environments: [
              { name: 'staging' },
              { name: 'production', production: true },
            ],
          },
          ...config,
        },
      }),
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof start>>;

/** A run the scaffolder's deploy action starts and ends, as it calls the API. */
async function failedDeploy(server: Server, id: string) {
  const started = await request(server)
    .post('/api/delivery/runs')
    .set('Authorization', scaffolderHeader.onBehalfOf(DAN))
    .send({
      id,
      entityRef: 'component:default/payment-service',
      environment: 'staging',
      action: 'deploy',
      inputs: { image: 'payments:2.0.0' },
    });
  expect(started.status).toBe(201);
  const finish = () =>
    request(server)
      .post(`/api/delivery/runs/${id}/finish`)
      .set('Authorization', scaffolderHeader.own())
      .send({
        status: 'failed',
        summary: 'payments:2.0.0 never became ready: ImagePullBackOff',
      });
  expect((await finish()).status).toBe(204);
  // The scaffolder retries a finish whose answer it did not get.
  expect((await finish()).status).toBe(204);
}

async function notificationsOf(server: Server, user: string) {
  const response = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(user));
  expect(response.status).toBe(200);
  return response.body.notifications as Array<{
    user: string;
    origin: string;
    payload: { title: string; link?: string; severity: string; topic?: string };
  }>;
}

describe('Delivery notifications through the notifications backend', () => {
  it("puts a failed run in each owner's notifications, once though the finish was sent twice", async () => {
    const server = await start();
    await failedDeploy(server, '33333333-3333-4333-8333-333333333333');
    for (const user of [CAROL, DAN]) {
      const items = await notificationsOf(server, user);
      expect(items).toEqual([
        expect.objectContaining({
          user,
          origin: 'plugin:delivery',
          payload: expect.objectContaining({
            title:
              'Could not deploy payment-service in staging: the run failed',
            link: '/catalog/default/component/payment-service/delivery',
            severity: 'high',
            topic: 'delivery-runs',
          }),
        }),
      ]);
    }
  });

  it("posts the failed run to the owner team's Slack channel, once", async () => {
    const posts = recordSlackPosts();
    const server = await start([slackModule], {
      notifications: { processors: { slack: [{ token: 'xoxb-test-token' }] } },
    });
    await failedDeploy(server, '44444444-4444-4444-8444-444444444444');
    const [post] = await eventually(
      async () => posts,
      sent => sent.length > 0,
      { what: 'a Slack post' },
    );
    expect(post.channel).toBe(SLACK_CHANNEL);
    expect(post.text).toContain(
      'Could not deploy payment-service in staging: the run failed',
    );
    expect(JSON.stringify(post)).toContain(
      'http://portal.example.com/catalog/default/component/payment-service/delivery',
    );
    expect(posts).toHaveLength(1);
  });

  it('posts nothing to Slack, and still notifies in the portal, when Slack is not configured', async () => {
    const posts = recordSlackPosts();
    const server = await start([slackModule]);
    await failedDeploy(server, '55555555-5555-4555-8555-555555555555');
    expect(await notificationsOf(server, CAROL)).toHaveLength(1);
    expect(posts).toEqual([]);
  });
});
