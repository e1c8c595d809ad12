import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  DeliveryApiClient,
  DrFailoverMode,
  DrFailoverOutcome,
} from '@internal/backstage-plugin-delivery-common';
import { KubeCluster } from '../../kube/KubeCluster';
import { ActionFailure, ActionOutcome, DeliveryActionDeps } from '../frame';
import { awaitApproval } from './awaitApproval';
import { runDrill } from './drill';
import { FailoverContext, readFailoverState } from './FailoverContext';
import { failoverChanges } from './failoverChanges';
import { failoverSummary } from './failoverSummary';
import { FailoverTarget } from './failoverTarget';
import { failedChecks, PreCheckReport, runPreChecks } from './preChecks';
import { StepRunner } from './StepRunner';
import { SwitchProgress, switchToDr } from './switchToDr';

/** What a failover run was asked for. */
export interface FailoverRequest {
  mode: DrFailoverMode;
  acceptDataLoss: boolean;
  reason?: string;
  timeoutSeconds: number;
  verifySeconds: number;
}

/** The pre-checks, reads only: what a dry run reports and what every run starts with. */
export function preCheckFailover(
  ctx: ActionContext<any, any>,
  client: DeliveryApiClient,
  target: FailoverTarget,
  clusters: { primary: KubeCluster; dr: KubeCluster },
  request: FailoverRequest,
): Promise<PreCheckReport> {
  return runPreChecks({
    target,
    mode: request.mode,
    acceptDataLoss: request.acceptDataLoss,
    primary: clusters.primary,
    dr: clusters.dr,
    client,
    logger: ctx.logger,
  });
}

/**
 * The failover inside the frame's run: pre-checks > approval (a production switchover or
 * failover) > pre-checks again > the drill or the switch. Every step is recorded; the run's
 * state after is the outcome (steps, recovery time, where the database and DNS stand),
 * which the DR card reads. A failure is an ActionFailure whose message says where the run
 * stopped and what was rolled back, or (past the promotion) where things stand.
 */
export async function performFailover(
  ctx: ActionContext<any, any>,
  deps: DeliveryActionDeps,
  run: {
    id: string;
    target: FailoverTarget;
    /** Who started the task: the approval request is made on their behalf. */
    initiator: BackstageCredentials;
    primary: KubeCluster;
    dr: KubeCluster;
    request: FailoverRequest;
  },
): Promise<ActionOutcome> {
  const { target, primary, dr, request } = run;
  const { mode } = request;
  const needsApproval = target.production && mode !== 'drill';
  const steps = new StepRunner(ctx.logger, (key, fn) =>
    ctx.checkpoint({ key, fn }),
  );
  // Checkpointed: a recovered task must act on what the checks saw before it changed
  // anything, not on the fenced primary it finds afterwards.
  const preCheck = async (key: string) => {
    const report = (await ctx.checkpoint({
      key,
      fn: async () =>
        JSON.parse(
          JSON.stringify(
            await preCheckFailover(
              ctx,
              deps.delivery,
              target,
              { primary, dr },
              request,
            ),
          ),
        ) as JsonObject,
    })) as unknown as PreCheckReport;
    const failed = failedChecks(report);
    if (failed.length)
      throw new Error(
        `pre-checks failed, nothing was changed: ${failed
          .map(c => `${c.name}: ${c.detail}`)
          .join('; ')}`,
      );
    return report;
  };

  const progress: SwitchProgress = { promotionRequested: false };
  let fctx: FailoverContext | undefined;
  let error: Error | undefined;
  let report: PreCheckReport | undefined;
  try {
    const checked = await preCheck('failover.pre-checks.v1').catch(e => {
      steps.records.push({
        id: 'pre-checks',
        status: 'failed',
        detail: e.message,
      });
      throw e;
    });
    report = checked;
    steps.records.push({
      id: 'pre-checks',
      status: 'done',
      detail: `${checked.checks.length} passed${
        checked.lagSeconds !== undefined ? `; lag ${checked.lagSeconds} s` : ''
      }`,
    });
    fctx = {
      target,
      report: checked,
      call: {
        entityRef: target.entityRef,
        environment: target.environment,
        namespace: checked.namespace!,
      },
      primary,
      dr,
      client: deps.delivery,
      steps,
      logger: ctx.logger,
      signal: ctx.signal,
      checkpoint: (key, fn) => ctx.checkpoint({ key, fn }),
      timeoutMs: request.timeoutSeconds * 1000,
      pollMs: deps.pollMs ?? 1000,
      verifySeconds: Math.max(
        request.verifySeconds,
        checked.dns?.ttlSeconds ?? deps.config.dr.dns.ttlSeconds,
      ),
    };
    if (needsApproval) {
      const approvalContext = fctx;
      await steps.run('approval', async () => ({
        detail: await awaitApproval(approvalContext, {
          mode,
          taskId: ctx.task.id,
          asRequester: deps.deliveryOnBehalfOf(run.initiator),
          reason: request.reason!.trim(),
        }),
        value: true,
      }));
      // The approval may have taken minutes: check again before changing anything.
      fctx.report = await preCheck('failover.pre-checks.after-approval.v1');
    } else {
      steps.skip(
        'approval',
        target.production
          ? 'a drill changes nothing that serves users'
          : `${target.environment} is not a production environment`,
      );
    }
    if (mode === 'drill') {
      await runDrill(fctx, run.id.replace(/-/g, '').slice(0, 8), progress);
    } else {
      await switchToDr(fctx, mode, progress);
    }
  } catch (e) {
    error = e as Error;
  }

  const state = fctx
    ? await readFailoverState(fctx)
    : {
        databasePrimary: 'unknown' as const,
        dnsPointsTo: 'unknown' as const,
      };
  const recoverySeconds =
    progress.changesStartedAt && progress.servingAt
      ? Math.round((progress.servingAt - progress.changesStartedAt) / 100) / 10
      : undefined;
  const outcome: DrFailoverOutcome = {
    mode,
    recoverySeconds,
    lagSecondsAtStart: report?.lagSeconds,
    acceptedDataLoss: request.acceptDataLoss || undefined,
    steps: steps.records,
    state,
  };
  const summary = failoverSummary({
    entityRef: target.entityRef,
    environment: target.environment,
    rtoMinutes: target.descriptor.rtoMinutes,
    drCluster: target.dr.name,
    primaryCluster: target.primary.name,
    outcome,
    error,
    promotionRequested: progress.promotionRequested,
  });
  // The run store keeps JSON: the outcome without its undefined fields.
  const after = JSON.parse(JSON.stringify(outcome)) as JsonObject;
  const changes = failoverChanges({
    primary: primary.name,
    dr: dr.name,
    namespace: fctx?.call.namespace,
    mode,
    steps: outcome.steps,
  });
  if (error) {
    ctx.logger.error(summary);
    throw new ActionFailure(summary, after, changes);
  }
  if (recoverySeconds !== undefined)
    ctx.output('recoverySeconds', recoverySeconds);
  return { summary, after, changes };
}
