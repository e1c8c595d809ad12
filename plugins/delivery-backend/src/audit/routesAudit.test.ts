import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  capturedAuditLog,
  databaseReleasedOnShutdown,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import request from 'supertest';
import { scaffolderHeader } from '../__testUtils__/scaffolderCredentials';
import { deliveryPlugin } from '../plugin';

// Starts a test backend (plugins, database migrations): seconds on a busy machine.
jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const ENTITY = 'component:default/payment-service';
const SECRET = 's3cret-in-the-inputs';

describe('the audit events of the Delivery backend’s writes', () => {
  const audit = capturedAuditLog();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    // Backstage's default auditor: the plugin redacts its own events, whatever the portal.
    ({ server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        audit.factory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            delivery: {
              environments: [
                { name: 'staging' },
                { name: 'production', production: true },
              ],
            },
          },
        }),
      ],
    }));
  });

  /** The Delivery backend's lines of one event id, as [status, severity, actor]. */
  const events = (eventId: string) =>
    audit.lines.filter(l => l.plugin === 'delivery' && l.eventId === eventId);
  const shape = (eventId: string) =>
    events(eventId).map(l => [l.status, l.severityLevel, l.actor?.actorId]);

  const startRun = (body: object, authorization: string) =>
    request(server)
      .post('/api/delivery/runs')
      .set('Authorization', authorization)
      .send({
        entityRef: 'Component:payment-service',
        environment: 'production',
        action: 'deploy',
        taskId: 'task-1',
        inputs: {},
        ...body,
      });

  it('records a run’s start and end with who, what and where; production runs high', async () => {
    const started = await startRun(
      {
        inputs: {
          image: 'payments:2.0.0',
          smokeUrl: `https://smoke:${SECRET}@status.example.com/health`,
          password: SECRET,
        },
      },
      scaffolderHeader.onBehalfOf(ALICE),
    );
    expect(started.status).toBe(201);
    const finished = await request(server)
      .post(`/api/delivery/runs/${started.body.id}/finish`)
      .set('Authorization', scaffolderHeader.own())
      .send({
        status: 'failed',
        summary: `smoke check https://smoke:${SECRET}@status.example.com/health answered 500`,
      });
    expect(finished.status).toBe(204);

    // The user the scaffolder acted for started it; the scaffolder finished it.
    expect(shape('run-start')).toEqual([
      ['initiated', 'high', ALICE],
      ['succeeded', 'high', ALICE],
    ]);
    expect(events('run-start')[1]).toMatchObject({
      request: { method: 'POST', url: '/api/delivery/runs' },
      meta: {
        runId: started.body.id,
        initiatedBy: ALICE,
        entityRef: ENTITY,
        environment: 'production',
        action: 'deploy',
        taskId: 'task-1',
        inputs: {
          image: 'payments:2.0.0',
          smokeUrl: 'https://[redacted]@status.example.com/health',
          password: '[redacted]',
        },
      },
    });
    expect(shape('run-finish')).toEqual([
      ['initiated', 'high', 'plugin:scaffolder'],
      ['succeeded', 'high', 'plugin:scaffolder'],
    ]);
    expect(events('run-finish')[1].meta).toEqual({
      runId: started.body.id,
      entityRef: ENTITY,
      environment: 'production',
      action: 'deploy',
      initiatedBy: ALICE,
      status: 'failed',
      summary:
        'smoke check https://[redacted]@status.example.com/health answered 500',
    });
  });

  it('records refusals as failed events: a run already going, a caller that is not the scaffolder', async () => {
    audit.lines.length = 0;
    const first = await startRun(
      { environment: 'staging' },
      scaffolderHeader.onBehalfOf(ALICE),
    );
    expect(first.status).toBe(201);
    const second = await startRun(
      { environment: 'staging' },
      scaffolderHeader.onBehalfOf(BOB),
    );
    expect(second.status).toBe(409);
    const direct = await startRun(
      { environment: 'staging' },
      mockCredentials.user.header(BOB),
    );
    expect(direct.status).toBe(403);

    expect(shape('run-start')).toEqual([
      ['initiated', 'medium', ALICE],
      ['succeeded', 'medium', ALICE],
      ['initiated', 'medium', BOB],
      ['failed', 'medium', BOB],
      ['initiated', 'medium', BOB],
      ['failed', 'medium', BOB],
    ]);
    expect(events('run-start')[3].error?.message).toMatch(
      /deploy of component:default\/payment-service in staging is already running/,
    );
    expect(events('run-start')[5].error?.name).toBe('NotAllowedError');
  });

  it('records a failover’s approval request and its decision', async () => {
    const id = '0b0c2f8e-6f0a-4a53-9a38-2f5e1d1c9a01';
    const asked = await request(server)
      .post('/api/delivery/approvals')
      .set('Authorization', scaffolderHeader.onBehalfOf(ALICE))
      .send({
        id,
        entityRef: ENTITY,
        environment: 'production',
        mode: 'switchover',
        taskId: 'task-2',
        reason: `planned move, runbook https://ops:${SECRET}@wiki.example/dr`,
      });
    expect(asked.status).toBe(201);
    const decided = await request(server)
      .post(`/api/delivery/approvals/${id}/decision`)
      .set('Authorization', mockCredentials.user.header(BOB))
      .send({ decision: 'approve' });
    expect(decided.status).toBe(200);

    expect(shape('approval-request')).toEqual([
      ['initiated', 'high', ALICE],
      ['succeeded', 'high', ALICE],
    ]);
    expect(events('approval-request')[1].meta).toEqual({
      approvalId: id,
      entityRef: ENTITY,
      environment: 'production',
      mode: 'switchover',
      taskId: 'task-2',
      reason: 'planned move, runbook https://[redacted]@wiki.example/dr',
      requestedBy: ALICE,
      status: 'pending',
    });
    expect(shape('failover-approval')).toEqual([
      ['initiated', 'high', BOB],
      ['succeeded', 'high', BOB],
    ]);
    expect(events('failover-approval')[1].meta).toEqual({
      approvalId: id,
      entityRef: ENTITY,
      environment: 'production',
      mode: 'switchover',
      requestedBy: ALICE,
      decision: 'approve',
      status: 'approved',
    });
  });

  // Last: every line the requests above wrote.
  it('keeps the secrets of the inputs out of every audit line', () => {
    expect(audit.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.lines)).not.toContain(SECRET);
  });
});
