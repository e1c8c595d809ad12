import { capturedAuditLog } from '@internal/backstage-plugin-delivery-node/testUtils';
import { runTask } from '../../__testUtils__/runTask';
import {
  failoverTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(180_000);

const FAILOVER = 'template:default/failover';
const SERVICE = 'propertyos-auth-service';
const ENTITY = `component:default/${SERVICE}`;
const SECRET = 's3cret-runbook-token';

describe('the audit log of a failover drill', () => {
  const audit = capturedAuditLog();
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [failoverTemplate()],
      features: [audit.factory],
      // Production serves users (high severity); a drill needs no approver there.
      fleetOptions: { timeScale: 10 },
    });
  });
  afterAll(async () => {
    await backend?.fleet.stop();
  });

  it('records the drill with high severity in production: started, each step that changed something, finished', async () => {
    const task = await runTask(backend.server, FAILOVER, {
      entityRef: ENTITY,
      environment: 'production',
      mode: 'drill',
      // A reason quoting a runbook URL with its access token in it.
      reason: `quarterly drill, runbook https://ops:${SECRET}@wiki.example/dr?token=${SECRET}`,
    });
    expect(task.status).toBe('completed');
    const lines = audit.lines.filter(
      l => l.eventId?.startsWith('delivery-') && l.meta?.taskId === task.id,
    );
    const action = lines.filter(l => l.eventId === 'delivery-action');
    expect(action.map(l => [l.status, l.severityLevel])).toEqual([
      ['initiated', 'high'],
      ['succeeded', 'high'],
    ]);
    expect(action[0].meta).toMatchObject({
      action: 'failover',
      entityRef: ENTITY,
      environment: 'production',
      initiatedBy: 'user:default/mock',
      inputs: {
        mode: 'drill',
        reason:
          'quarterly drill, runbook https://[redacted]@wiki.example/dr?token=[redacted]',
      },
    });
    expect(action[1].meta).toMatchObject({
      point: 'run-finished',
      status: 'succeeded',
      summary: expect.stringMatching(/^Drill of .* recovered in/),
    });
    // One line per step that changed something; the pre-checks, approval and verify read.
    const changes = lines
      .filter(l => l.eventId === 'delivery-change' && l.status === 'succeeded')
      .map(l => l.meta?.change as string);
    expect(
      changes.map(c => c.replace(/: \w+ step (\S+) (\S+):.*$/, ' $1 $2')),
    ).toEqual(
      ['prepare', 'promote', 'dns', 'scale-up', 'clean-up'].map(
        step => `production > production-dr/propertyos ${step} done`,
      ),
    );

    // The Delivery backend audits each DR provider call that changes something, as the
    // scaffolder made it; the reads the drill polls are not audited.
    const operations = audit.lines.filter(
      l =>
        l.plugin === 'delivery' &&
        l.eventId === 'dr-operation' &&
        l.status === 'succeeded',
    );
    expect(operations.map(l => l.meta?.operation).sort()).toEqual([
      'create-drill-record',
      'delete-drill-copy',
      'delete-drill-record',
      'promote-drill-copy',
      'start-drill-copy',
    ]);
    for (const line of operations)
      expect(line).toMatchObject({
        severityLevel: 'high',
        actor: { actorId: 'plugin:scaffolder' },
        meta: {
          entityRef: ENTITY,
          environment: 'production',
          primaryCluster: 'production',
          drCluster: 'production-dr',
        },
      });
    expect(
      operations.find(l => l.meta?.operation === 'start-drill-copy')?.meta
        ?.change,
    ).toMatch(
      /^production-dr\/propertyos\/drill-copy\/\w+: created from the replica$/,
    );
    expect(JSON.stringify(audit.lines)).not.toContain(SECRET);
    expect(task.log).not.toContain(SECRET);
  });
});
