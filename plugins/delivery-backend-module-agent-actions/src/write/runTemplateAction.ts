import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** One call of a registry action, as the adapter runs a template action for it. */
export interface TemplateActionCall {
  /** The template action's input: the registry input without `execute`. */
  input: JsonObject;
  /** Who called the registry action: a user, through the MCP server or another plugin. */
  credentials: BackstageCredentials;
  logger: LoggerService;
  /** True unless the caller asked to execute. */
  dryRun: boolean;
  /** Cancels the run at the action's next safe point; the registry gives none today. */
  signal?: AbortSignal;
}

/** What the template action produced. */
export interface TemplateActionResult {
  /** The id the run history keeps as the run's task: `mcp-<uuid>`. */
  taskId: string;
  /** Every `ctx.output(name, value)` of the handler. */
  output: JsonObject;
}

/**
 * Runs a scaffolder template action's handler for an actions registry call, with the
 * context a task would give it: the caller's credentials as the initiator's, the caller
 * as the user, dry run unless asked otherwise, and outputs collected. There is no task to
 * recover, so a checkpoint simply runs its function; the id stands in for the task's in
 * the run history, the lock and the audit log.
 *
 * Only a user may call: the run history and the audit log name who acted, and the
 * Delivery backend records runs only on behalf of a user.
 */
export async function runTemplateAction(
  action: TemplateAction<any, any>,
  call: TemplateActionCall,
): Promise<TemplateActionResult> {
  const { principal } = call.credentials as BackstageCredentials<{
    type?: string;
    userEntityRef?: string;
  }>;
  if (principal.type !== 'user' || !principal.userEntityRef)
    throw new NotAllowedError(
      `${action.id} runs for a user: call it with a user's token (the run history and the audit log name who acted), not as a ${principal.type} principal`,
    );
  const taskId = `mcp-${randomUUID()}`;
  const output: JsonObject = {};
  // A task's workspace: no Delivery action writes to it, but the context promises one.
  const workspacePath = await fs.mkdtemp(
    path.join(os.tmpdir(), 'delivery-agent-action-'),
  );
  const ctx: ActionContext<JsonObject, JsonObject> = {
    input: call.input,
    logger: call.logger,
    workspacePath,
    isDryRun: call.dryRun,
    signal: call.signal,
    task: { id: taskId },
    user: { ref: principal.userEntityRef },
    getInitiatorCredentials: async () => call.credentials,
    checkpoint: async ({ fn }) => fn(),
    output: (name: keyof JsonObject, value: JsonValue) => {
      output[name] = value;
    },
    createTemporaryDirectory: () =>
      fs.mkdtemp(path.join(workspacePath, 'tmp-')),
  };
  try {
    await action.handler(ctx);
  } finally {
    await fs.rm(workspacePath, { recursive: true, force: true });
  }
  return { taskId, output };
}
