import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTask, waitForTask } from '../../__testUtils__/runTask';
import {
  failoverTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(180_000);

const FAILOVER = 'template:default/failover';
const SERVICE = 'component:default/messaging-api';

describe('a production switchover waits for a second member of the platform team', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [failoverTemplate()],
    });
  });
  afterAll(async () => {
    await backend?.fleet.stop();
  });

  async function pendingApproval(): Promise<Record<string, any>> {
    const pendingOf = (items: Array<Record<string, any>>) =>
      items.find(a => a.status === 'pending');
    const items = await eventually(
      async () =>
        ((
          await request(backend.server)
            .get('/api/delivery/approvals')
            .query({ entityRef: SERVICE })
            .set('Authorization', mockCredentials.user.header())
        ).body.items ?? []) as Array<Record<string, any>>,
      i => Boolean(pendingOf(i)),
      { what: 'an approval requested' },
    );
    return pendingOf(items)!;
  }

  const decide = (
    id: string,
    decision: string,
    user = 'user:default/second-engineer',
  ) =>
    request(backend.server)
      .post(`/api/delivery/approvals/${id}/decision`)
      .set('Authorization', mockCredentials.user.header(user))
      .send({ decision });

  it('refuses a rejected switchover before anything changes', async () => {
    const { id } = await startTask(backend.server, FAILOVER, {
      entityRef: SERVICE,
      environment: 'production',
      mode: 'switchover',
      reason: 'moving messaging to us-west-2',
    });
    const approval = await pendingApproval();
    expect(approval).toMatchObject({
      mode: 'switchover',
      requestedBy: 'user:default/mock',
      reason: 'moving messaging to us-west-2',
    });
    expect((await decide(approval.id, 'reject')).status).toBe(200);
    const result = await waitForTask(backend.server, id!);
    expect(result.status).toBe('failed');
    expect(result.log).toContain(
      'approval: user:default/second-engineer rejected the switchover',
    );
    const [run] = (await backend.history('messaging-api')).filter(
      r => r.action === 'failover',
    );
    expect(run.after.state).toMatchObject({
      databasePrimary: 'primary',
      dnsPointsTo: 'primary',
    });
  });

  it('runs once a second member approves; the requester cannot approve their own', async () => {
    const { id } = await startTask(backend.server, FAILOVER, {
      entityRef: SERVICE,
      environment: 'production',
      mode: 'switchover',
      reason: 'moving messaging to us-west-2',
    });
    const approval = await pendingApproval();
    const own = await decide(approval.id, 'approve', 'user:default/mock');
    expect(own.status).toBe(403);
    expect((await decide(approval.id, 'approve')).status).toBe(200);
    const result = await waitForTask(backend.server, id!);
    expect(result.status).toBe('completed');
    const [run] = (await backend.history('messaging-api')).filter(
      r => r.action === 'failover',
    );
    expect(run.status).toBe('succeeded');
    expect(run.after.steps[1]).toMatchObject({
      id: 'approval',
      status: 'done',
      detail: expect.stringMatching(
        /^approved by user:default\/second-engineer at /,
      ),
    });
    expect(run.after.state).toMatchObject({
      databasePrimary: 'dr',
      dnsPointsTo: 'dr',
    });
  });
});
