import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import { runTemplateAction } from './runTemplateAction';

/** A template action that does what the Delivery frame does with its context. */
function probeAction() {
  const seen: Record<string, unknown> = {};
  const action = createTemplateAction({
    id: 'test:probe',
    supportsDryRun: true,
    async handler(ctx) {
      seen.input = ctx.input;
      seen.isDryRun = ctx.isDryRun;
      seen.user = ctx.user?.ref;
      seen.taskId = ctx.task.id;
      seen.credentials = await ctx.getInitiatorCredentials();
      seen.workspaceExisted = fs.existsSync(ctx.workspacePath);
      seen.workspacePath = ctx.workspacePath;
      const runId = await ctx.checkpoint({
        key: 'probe.run-id.v1',
        fn: async () => 'run-1',
      });
      ctx.output('runId', runId);
      ctx.output('summary', ctx.isDryRun ? 'Dry run of a probe' : 'probed');
    },
  });
  return { action, seen };
}

const logger = mockServices.logger.mock();

describe('runTemplateAction', () => {
  it('runs the handler for the caller: their credentials, their ref, a task id the run history can keep, outputs collected', async () => {
    const { action, seen } = probeAction();
    const credentials = mockCredentials.user('user:default/carol');
    const result = await runTemplateAction(action, {
      input: { entityRef: 'component:default/api' },
      credentials,
      logger,
      dryRun: false,
    });
    expect(seen).toMatchObject({
      input: { entityRef: 'component:default/api' },
      isDryRun: false,
      user: 'user:default/carol',
      credentials,
      workspaceExisted: true,
    });
    expect(result.taskId).toMatch(/^mcp-[0-9a-f-]{36}$/);
    expect(result.taskId.length).toBeLessThanOrEqual(64);
    expect(seen.taskId).toBe(result.taskId);
    expect(result.output).toEqual({ runId: 'run-1', summary: 'probed' });
    // The workspace is the call's own and gone once it ends.
    expect(fs.existsSync(seen.workspacePath as string)).toBe(false);
  });

  it('passes a dry run on, and gives every call its own task id', async () => {
    const { action, seen } = probeAction();
    const call = {
      input: {},
      credentials: mockCredentials.user('user:default/carol'),
      logger,
      dryRun: true,
    };
    const first = await runTemplateAction(action, call);
    expect(seen.isDryRun).toBe(true);
    expect(first.output.summary).toBe('Dry run of a probe');
    const second = await runTemplateAction(action, call);
    expect(second.taskId).not.toBe(first.taskId);
  });

  it('refuses a caller that is not a user before the handler runs', async () => {
    const { action, seen } = probeAction();
    await expect(
      runTemplateAction(action, {
        input: {},
        credentials: mockCredentials.service('plugin:catalog'),
        logger,
        dryRun: true,
      }),
    ).rejects.toThrow(
      "test:probe runs for a user: call it with a user's token (the run history and the audit log name who acted), not as a service principal",
    );
    expect(seen).toEqual({});
  });

  it("hands the handler's refusal back as it was thrown", async () => {
    const action = createTemplateAction({
      id: 'test:refuse',
      async handler() {
        throw new Error('environment: "qa" is not one of staging, production');
      },
    });
    await expect(
      runTemplateAction(action, {
        input: {},
        credentials: mockCredentials.user('user:default/carol'),
        logger,
        dryRun: true,
      }),
    ).rejects.toThrow('environment: "qa" is not one of staging, production');
  });
});
