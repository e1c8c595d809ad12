import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deliveryFailoverApprovePermission } from '@internal/backstage-plugin-delivery-common';
import request from 'supertest';
import {
  scaffolderHeader,
  serviceHeader,
} from '../__testUtils__/scaffolderCredentials';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryPlugin } from '../plugin';

// Every test starts a backend: a second on an idle machine, several on a busy one.
jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const ZOE = 'user:default/zoe';
const CAROL = 'user:default/carol';
/** Who holds delivery.failover.approve, as the Delivery policy gives it to platform-team. */
const PLATFORM_TEAM = [ALICE, BOB, ZOE];

const entityRef = 'component:default/payment-service';
const ID = '0b0c2f8e-6f0a-4a53-9a38-2f5e1d1c9a01';

const ask = {
  id: ID,
  entityRef: 'Component:payment-service',
  environment: 'production',
  mode: 'switchover',
  taskId: 'task-42',
  reason: 'Planned move of payments to the DR region',
};

async function start(options: { timeoutMinutes?: number } = {}) {
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        const user = principal.type === 'user' ? principal.userEntityRef : '';
        const platformOnly =
          r.permission.name === deliveryFailoverApprovePermission.name;
        return {
          result:
            !platformOnly || PLATFORM_TEAM.includes(user ?? '')
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
  });
  const audited: Array<{ eventId: string; meta?: unknown; outcome?: string }> =
    [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta }) => {
      const event: (typeof audited)[number] = { eventId, meta };
      audited.push(event);
      return {
        success: async () => {
          event.outcome = 'success';
        },
        fail: async ({ error }) => {
          event.outcome = `fail: ${error.message}`;
        },
      };
    },
  });
  const { server } = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      deliveryPlugin,
      permissions.factory,
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          delivery: {
            environments: [
              { name: 'staging' },
              { name: 'production', production: true },
            ],
            dr: { approvalTimeoutMinutes: options.timeoutMinutes ?? 30 },
          },
        },
      }),
    ],
  });
  return { server, audited };
}

type Server = Awaited<ReturnType<typeof start>>['server'];

const requestApproval = (server: Server, body: object = ask) =>
  request(server)
    .post('/api/delivery/approvals')
    .set('Authorization', scaffolderHeader.onBehalfOf(ALICE))
    .send(body);

const decide = (server: Server, who: string, decision: string, id = ID) =>
  request(server)
    .post(`/api/delivery/approvals/${id}/decision`)
    .set('Authorization', mockCredentials.user.header(who))
    .send({ decision });

describe('approvals API', () => {
  it('records a request once, however often the failover task asks', async () => {
    const { server } = await start();
    const before = Date.now();
    const first = await requestApproval(server);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: ID,
      entityRef,
      environment: 'production',
      mode: 'switchover',
      taskId: 'task-42',
      requestedBy: ALICE,
      status: 'pending',
    });
    const minutes =
      (Date.parse(first.body.expiresAt) - Date.parse(first.body.requestedAt)) /
      60_000;
    expect(minutes).toBe(30);
    expect(Date.parse(first.body.requestedAt)).toBeGreaterThanOrEqual(
      before - 1000,
    );

    const again = await requestApproval(server, {
      ...ask,
      reason: 'asked again by the recovered task',
    });
    expect(again.body).toEqual(first.body);

    const polled = await request(server)
      .get(`/api/delivery/approvals/${ID}`)
      .set('Authorization', mockCredentials.service.header());
    expect(polled.body).toEqual(first.body);

    const listed = await request(server)
      .get('/api/delivery/approvals')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header(CAROL));
    expect(listed.body).toEqual({ items: [first.body] });
  });

  it('lets a second member of the platform team approve, once', async () => {
    const { server, audited } = await start();
    await requestApproval(server);

    const approved = await decide(server, BOB, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: BOB });

    const polled = await request(server)
      .get(`/api/delivery/approvals/${ID}`)
      .set('Authorization', mockCredentials.service.header());
    expect(polled.body).toMatchObject({ status: 'approved', decidedBy: BOB });

    const second = await decide(server, ZOE, 'reject');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(
      `This approval request was already approved by ${BOB} at ${approved.body.decidedAt}`,
    );

    expect(audited.map(e => [e.eventId, e.outcome])).toEqual([
      ['approval-request', 'success'],
      ['failover-approval', 'success'],
      ['failover-approval', expect.stringMatching(/^fail: /)],
    ]);
    expect(audited.filter(e => e.eventId === 'failover-approval')).toEqual([
      {
        eventId: 'failover-approval',
        meta: {
          approvalId: ID,
          entityRef,
          environment: 'production',
          mode: 'switchover',
          requestedBy: ALICE,
          decision: 'approve',
        },
        outcome: 'success',
      },
      expect.objectContaining({
        meta: expect.objectContaining({ decision: 'reject' }),
        outcome: expect.stringMatching(/^fail: This approval request was/),
      }),
    ]);
  });

  it('refuses the requester and anyone outside the platform team', async () => {
    const { server } = await start();
    await requestApproval(server);

    const own = await decide(server, ALICE, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      `${ALICE} asked for this switchover: a second member of the platform team must approve or reject it`,
    );

    const developer = await decide(server, CAROL, 'approve');
    expect(developer.status).toBe(403);
    expect(developer.body.error.message).toBe(
      `Not allowed to decide failovers of ${entityRef}: only the platform team may`,
    );

    const stillPending = await request(server)
      .get(`/api/delivery/approvals/${ID}`)
      .set('Authorization', mockCredentials.user.header(CAROL));
    expect(stillPending.body.status).toBe('pending');

    // Only the failover action asks, on behalf of who started it; only users decide.
    for (const caller of [
      mockCredentials.user.header(ALICE),
      scaffolderHeader.own(),
      serviceHeader('plugin:catalog'),
    ]) {
      const asked = await request(server)
        .post('/api/delivery/approvals')
        .set('Authorization', caller)
        .send(ask);
      expect(asked.status).toBe(403);
    }
    const asService = await request(server)
      .post(`/api/delivery/approvals/${ID}/decision`)
      .set('Authorization', mockCredentials.service.header())
      .send({ decision: 'approve' });
    expect(asService.status).toBe(403);
  });

  it('lets exactly one of two decisions at once win', async () => {
    const { server } = await start();
    await requestApproval(server);
    const answers = await Promise.all([
      decide(server, BOB, 'approve'),
      decide(server, ZOE, 'reject'),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find(a => a.status === 200)!.body;
    const polled = await request(server)
      .get(`/api/delivery/approvals/${ID}`)
      .set('Authorization', mockCredentials.service.header());
    expect(polled.body).toEqual(winner);
  });

  it('expires a request nobody decided in time', async () => {
    // 60 ms, so the test can wait it out: until the request's own deadline has passed.
    const { server } = await start({ timeoutMinutes: 0.001 });
    const asked = await requestApproval(server);
    const expiresAt = Date.parse(asked.body.expiresAt);
    while (Date.now() <= expiresAt)
      await new Promise(resolve => setTimeout(resolve, 10));

    const polled = await request(server)
      .get(`/api/delivery/approvals/${ID}`)
      .set('Authorization', mockCredentials.service.header());
    expect(polled.body.status).toBe('expired');

    const late = await decide(server, BOB, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      `This approval request expired at ${asked.body.expiresAt} without a decision; start the switchover again to ask anew`,
    );
  });

  it.each([
    [{ ...ask, reason: 'too short' }, /^reason: say why in at least 10/],
    [{ ...ask, reason: 'x'.repeat(501) }, /^reason: at most 500/],
    [{ ...ask, mode: 'yolo' }, /^mode: /],
    [{ ...ask, id: 'not-a-uuid' }, /^id: /],
    [{ ...ask, environment: 'qa' }, /^environment: "qa" is not one of/],
    // Who asked comes from the credentials, never from the body.
    [{ ...ask, requestedBy: ALICE }, /^requestedBy: not a field/],
    [{ ...ask, entityRef: 'component:' }, /^entityRef: /],
    [{ ...ask, extra: 1 }, /^extra: not a field of this request/],
  ])('names the bad field of a request (%#)', async (body, message) => {
    const { server } = await start();
    const res = await requestApproval(server, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('names the bad field of a decision or lookup', async () => {
    const { server } = await start();
    await requestApproval(server);
    const badDecision = await decide(server, BOB, 'maybe');
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.error.message).toMatch(/^decision: /);

    const badId = await decide(server, BOB, 'approve', 'nope');
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^id: /);

    const unknown = await decide(
      server,
      BOB,
      'approve',
      '9d7e0f55-1111-4222-8333-444455556666',
    );
    expect(unknown.status).toBe(404);

    const noEntity = await request(server)
      .get('/api/delivery/approvals')
      .set('Authorization', mockCredentials.user.header(BOB));
    expect(noEntity.status).toBe(400);
    expect(noEntity.body.error.message).toMatch(/^entityRef: /);
  });
});
