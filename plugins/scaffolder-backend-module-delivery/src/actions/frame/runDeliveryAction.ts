import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  dataOf,
  DeliveryRun,
  FinishRunRequest,
} from '@internal/backstage-plugin-delivery-common';
import { randomUUID } from 'node:crypto';
import {
  redactError,
  redactSecrets,
} from '@internal/backstage-plugin-delivery-node';
import { rolloutName } from '../../argo/argoRollout';
import { KubeCluster } from '../../kube/KubeCluster';
import { DeployStep } from '../../workloads/DeployStep';
import { describeWorkloadChanges } from '../../workloads/describeWorkloadChanges';
import { describeWorkloads, readWorkloads } from '../../workloads/snapshot';
import { authorizeDeliveryAction } from './authorizeDeliveryAction';
import {
  ActionFailure,
  ActionOutcome,
  ActionPlan,
  DeliveryActionDeps,
  DeliveryActionSpec,
} from './DeliveryActionSpec';
import { forTaskLog } from './forTaskLog';
import { AuditPoint, noAuditSink, PREFLIGHT_CHECKS } from './hooks';
import { readOverrideReason, runPreflightChecks } from './runPreflightChecks';
import { deliveryTabUrl, resolveActionTarget } from './resolveActionTarget';

/** Logging, cancellation and checkpoints of a task, as the strategies use them. */
export function actionStep(
  ctx: ActionContext<any, any>,
  deps: Pick<DeliveryActionDeps, 'pollMs'>,
  rolloutTimeoutSeconds: number,
): DeployStep {
  return {
    logger: ctx.logger,
    signal: ctx.signal,
    checkpoint: <T extends JsonValue | void>(
      key: string,
      fn: () => Promise<T>,
    ) => ctx.checkpoint({ key, fn }),
    rolloutTimeoutMs: rolloutTimeoutSeconds * 1000,
    pollMs: deps.pollMs ?? 2000,
  };
}

/**
 * Everything checked before anything changes, in this order: the service read as the
 * initiator, the environment and the clusters it reaches, the permission (on the server),
 * the workloads read from each primary cluster, the action's own checks, the preflight
 * checks (runPreflightChecks). Returns the plan and what the checks found for the run record.
 */
async function prepare(
  ctx: ActionContext<any, any>,
  deps: DeliveryActionDeps,
  spec: DeliveryActionSpec,
): Promise<{ plan: ActionPlan; checked: JsonObject }> {
  const reach = spec.reach ?? 'primary';
  // Checked first: malformed inputs and reason are refused before anything is read.
  spec.validate?.();
  const overrideReason = readOverrideReason(ctx.input?.overrideReason);
  const credentials = await ctx.getInitiatorCredentials();
  const target = await resolveActionTarget({
    ...deps,
    entityRef: spec.entityRef,
    environment: spec.environment,
    strategy: spec.strategy,
    reach,
    credentials,
  });
  await authorizeDeliveryAction({
    permissions: deps.permissions,
    credentials,
    entityRef: target.entityRef,
    entity: target.entity,
    environment: target.environment,
    action: spec.action,
    verb: spec.verb,
  });
  ctx.output('entityUrl', deliveryTabUrl(target.entityRef));
  const cluster = (c: (typeof target.clusters)[number]) =>
    new KubeCluster(c, ctx.logger, ctx.signal);
  const clusters = target.clusters.map(cluster);
  const workloads =
    reach === 'primary'
      ? await Promise.all(clusters.map(c => readWorkloads(c, target.selector)))
      : [];
  for (const w of workloads) {
    const rollouts = w.rollouts.map(rolloutName).join(', ');
    if (!w.deployments.length && w.rollouts.length && !spec.actsOnRollouts)
      throw new InputError(
        `environment: ${w.cluster.name} runs ${target.selector} with an Argo Rollout (${rollouts}); ${spec.action} does not act on Rollouts (promote, abort, retry, rollback and deploy do)`,
      );
    if (!w.deployments.length && !w.rollouts.length)
      throw new InputError(
        `environment: ${w.cluster.name} runs no Deployment labelled ${target.selector} (is the namespace there?)`,
      );
  }
  const plan: ActionPlan = {
    ...target,
    clusters,
    dr: target.dr && cluster(target.dr),
    workloads,
    step: actionStep(ctx, deps, spec.rolloutTimeoutSeconds),
    initiator: credentials,
  };
  const checked = { ...(await spec.check?.(plan)) };
  Object.assign(
    checked,
    await runPreflightChecks({
      checks: deps.preflightChecks ?? PREFLIGHT_CHECKS,
      context: {
        action: spec.action,
        plan,
        recordedInputs: spec.recordedInputs,
        credentials,
        taskId: ctx.task.id,
        readOnly: !(spec.recordsRun ?? true),
        isDryRun: Boolean(ctx.isDryRun),
        now: deps.now?.() ?? new Date(),
        logger: ctx.logger,
        deps,
      },
      overrideReason,
      permissions: deps.permissions,
      credentials,
      initiatedBy: ctx.user?.ref ?? 'unknown',
      logger: ctx.logger,
    }),
  );
  return { plan, checked };
}

/** Keys whose value is undefined left out, so the value is JSON. */
const defined = (values: Record<string, JsonValue | undefined>): JsonObject =>
  Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as JsonObject;

/**
 * The frame every Delivery action runs in: everything checked (see `prepare`); in a dry
 * run the plan is printed and nothing else happens; an action that records no run (a
 * read) is performed; otherwise the run is started (taking the service and environment's
 * lock, with an id kept in a checkpoint so a recovered task gets its run back), the action
 * performed, and the run finished with the state after and the outcome, whatever happened
 * (a cancelled task's run as aborted). Each audit point of hooks.ts is emitted on the way.
 */
export async function runDeliveryAction(
  ctx: ActionContext<any, any>,
  deps: DeliveryActionDeps,
  spec: DeliveryActionSpec,
): Promise<void> {
  const audit = deps.audit ?? noAuditSink;
  const initiatedBy = ctx.user?.ref ?? 'unknown';
  let entityRef = spec.entityRef;
  // Every event passes the redaction: inputs and messages may quote a URL with a password.
  const emit = (
    point: AuditPoint,
    meta: JsonObject,
    runId?: string,
    error?: unknown,
  ) =>
    audit.emit({
      ...redactSecrets({
        point,
        action: spec.action,
        entityRef,
        environment: spec.environment,
        initiatedBy,
        taskId: ctx.task.id,
        ...(runId ? { runId } : {}),
        meta,
      }),
      ...(error ? { error: redactError(error) } : {}),
    });
  const refused = async (error: unknown) => {
    await emit(
      'action-refused',
      { inputs: spec.recordedInputs },
      undefined,
      error,
    );
    return error;
  };

  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(ctx, deps, spec);
  } catch (error) {
    throw forTaskLog(await refused(error), deps.logger);
  }
  const { plan, checked } = prepared;
  entityRef = plan.entityRef;
  const what = spec.describe(plan);
  // The run records the workloads before and after for an action on the primary clusters.
  const reachesWorkloads = (spec.reach ?? 'primary') === 'primary';
  const before = reachesWorkloads
    ? describeWorkloads(plan.workloads)
    : undefined;
  const snapshot = async () =>
    reachesWorkloads
      ? describeWorkloads(
          await Promise.all(
            plan.clusters.map(c => readWorkloads(c, plan.selector)),
          ),
        )
      : undefined;
  const recordsRun = spec.recordsRun ?? true;

  if (ctx.isDryRun) {
    ctx.logger.info(
      recordsRun
        ? `Dry run: would start a ${what}; nothing was changed`
        : `Dry run: would ${what}`,
    );
    if (before) ctx.logger.info(`Now: ${JSON.stringify(before)}`);
    ctx.output(
      'summary',
      (await spec.dryRun?.(plan)) ?? `Dry run of a ${what}`,
    );
    return;
  }
  if (!recordsRun) {
    const outcome = await spec.perform(plan, undefined);
    ctx.output('summary', outcome.summary);
    return;
  }

  const runId = await ctx.checkpoint({
    key: `${spec.action}.run-id.v1`,
    fn: async () => randomUUID(),
  });
  const inputs: JsonObject = {
    ...spec.recordedInputs,
    ...checked,
    // A failover does not go through the service's strategy.
    ...(spec.reach === 'primary-and-dr' ? {} : { strategy: plan.strategy }),
  };
  let run: DeliveryRun;
  try {
    run = dataOf(
      // On behalf of the initiator: the backend records them as who started the run.
      await deps.deliveryOnBehalfOf(plan.initiator).request('post', '/runs', {
        body: {
          id: runId,
          entityRef: plan.entityRef,
          environment: plan.environment.name,
          action: spec.action,
          taskId: ctx.task.id,
          inputs,
          before,
          ...(spec.alsoLocks ? { extraLocks: spec.alsoLocks(plan) } : {}),
        },
      }),
    );
  } catch (error) {
    // The lock is someone else's (their run is named), or the run store refused.
    throw forTaskLog(await refused(error), deps.logger);
  }
  // The same run id comes back for a recovered task (its run still running); a retried
  // task whose run already ended must not redo what that run did, unlocked.
  if (run.status !== 'running')
    throw await refused(
      new Error(
        `run ${runId} already ended (${run.status}: ${
          run.summary ?? 'no summary'
        }); a finished run is not repeated, start a new one`,
      ),
    );
  ctx.output('runId', runId);
  ctx.logger.info(`Run ${runId}: ${what}`);
  await emit('run-started', { inputs }, runId);

  let outcome: ActionOutcome;
  try {
    outcome = await spec.perform(plan, runId);
  } catch (error) {
    const cancelled = Boolean(ctx.signal?.aborted);
    const failure = error instanceof ActionFailure ? error : undefined;
    const status = cancelled ? 'aborted' : 'failed';
    let summary = (error as Error).message;
    if (failure) summary = failure.message;
    else if (cancelled) summary = `Cancelled: ${what}`;
    const after =
      failure?.after !== undefined
        ? failure.after
        : await snapshot().catch(() => undefined);
    // Audited even when the run store cannot be told: the change happened either way.
    const unrecorded = await finishRun(deps, runId, {
      status,
      summary,
      after,
    }).then(
      () => undefined,
      (finishError: Error) => finishError,
    );
    await emit(
      'run-failed',
      defined({
        status,
        summary,
        changes: [
          ...describeWorkloadChanges(before, after),
          ...(failure?.changes ?? []),
        ],
        unrecorded: unrecorded?.message,
      }),
      runId,
      error,
    );
    throw forTaskLog(unrecorded ?? error, deps.logger);
  }
  const status = outcome.status ?? 'succeeded';
  try {
    const after = outcome.after ?? (await snapshot());
    await emit(
      'change-applied',
      {
        changes: [
          ...describeWorkloadChanges(before, after),
          ...(outcome.changes ?? []),
        ],
      },
      runId,
    );
    await finishRun(deps, runId, { status, summary: outcome.summary, after });
  } catch (error) {
    // The change is in place but the state after could not be read or recorded.
    await emit(
      'run-failed',
      { status: 'failed', summary: (error as Error).message },
      runId,
      error,
    );
    throw forTaskLog(error, deps.logger);
  }
  await emit('run-finished', { status, summary: outcome.summary }, runId);
  ctx.logger.info(`Done: ${outcome.summary}`);
  ctx.output('summary', outcome.summary);
}

/** Records how a run ended, with the state after it, in the run history. */
async function finishRun(
  deps: DeliveryActionDeps,
  runId: string,
  body: FinishRunRequest,
): Promise<void> {
  await deps.delivery.request('post', '/runs/{id}/finish', {
    params: { path: { id: runId } },
    body,
  });
}
