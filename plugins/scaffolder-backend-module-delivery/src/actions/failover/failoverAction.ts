import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  dataOf,
  DR_FAILOVER_MODES,
  DrFailoverOutcome,
  FAILOVER_ACTION,
} from '@internal/backstage-plugin-delivery-common';
import { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import { KubeCluster } from '../../kube/KubeCluster';
import { applyDefaults } from '../applyDefaults';
import { deliveryTabUrl } from '../deploy/resolveDeployTarget';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
} from '../runDeliveryAction';
import { awaitApproval } from './awaitApproval';
import { runDrill } from './drill';
import { FailoverContext, readFailoverState } from './FailoverContext';
import { failoverSummary } from './failoverSummary';
import { resolveFailoverTarget } from './failoverTarget';
import { failedChecks, PreCheckReport, runPreChecks } from './preChecks';
import { StepRunner } from './StepRunner';
import { SwitchProgress, switchToDr } from './switchToDr';

const DEFAULTS = {
  acceptDataLoss: false,
  timeoutSeconds: 300,
  verifySeconds: 0,
};

export type FailoverDeps = DeliveryActionDeps;

/**
 * Creates `delivery:failover`: a DR drill, switchover or failover of one service in one
 * environment, by the platform team; a production switchover or failover waits for a second
 * member's approval. Steps: pre-checks > approval > fence > catch-up > promote > DNS > scale
 * up > verify > record. One failover per system at a time, on every backend replica (the
 * run store's lock on the system).
 * @public
 */
export function createFailoverAction(deps: FailoverDeps) {
  return createTemplateAction({
    id: 'delivery:failover',
    description:
      'DR drill (timed switch of throwaway copies), planned switchover (no data loss) or unplanned failover of a service to its DR region',
    schema: {
      input: {
        entityRef: deliveryTargetInput.entityRef,
        environment: deliveryTargetInput.environment,
        mode: z => z.enum(DR_FAILOVER_MODES),
        acceptDataLoss: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Failover only: promote even though the lag exceeds the RPO; the lag at that moment is recorded',
            ),
        reason: z =>
          z
            .string()
            .max(500)
            .optional()
            .describe(
              'Why; shown to the approver of a production switchover or failover',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(10)
            .max(3600)
            .optional()
            .describe('Longest wait for one step (promotion, DNS, rollout)'),
        verifySeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(3600)
            .optional()
            .describe(
              'How long the DR side must stay healthy after the switch; at least the DNS TTL',
            ),
      },
      output: {
        ...deliveryActionOutput,
        recoverySeconds: z => z.number().optional(),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, DEFAULTS);
      const mode = input.mode;
      if (input.acceptDataLoss && mode !== 'failover')
        throw new InputError(
          `acceptDataLoss: only an unplanned failover may lose data; a ${mode} never does`,
        );
      const credentials = await ctx.getInitiatorCredentials();
      const target = await resolveFailoverTarget({
        ...deps,
        entityRef: input.entityRef,
        environment: input.environment,
        credentials,
      });
      const needsApproval = target.production && mode !== 'drill';
      if (needsApproval && (input.reason?.trim().length ?? 0) < 10)
        throw new InputError(
          `reason: a production ${mode} needs a reason of at least 10 characters for its approver`,
        );
      ctx.output('entityUrl', deliveryTabUrl(target.entityRef));
      const primary = new KubeCluster(target.primary, ctx.logger, ctx.signal);
      const dr = new KubeCluster(target.dr, ctx.logger, ctx.signal);
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
                await runPreChecks({
                  target,
                  mode,
                  acceptDataLoss: input.acceptDataLoss,
                  primary,
                  dr,
                  client: deps.delivery,
                  logger: ctx.logger,
                }),
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

      if (ctx.isDryRun) {
        const report = await runPreChecks({
          target,
          mode,
          acceptDataLoss: input.acceptDataLoss,
          primary,
          dr,
          client: deps.delivery,
          logger: ctx.logger,
        });
        const failed = failedChecks(report).length;
        ctx.output(
          'summary',
          `Dry run of a ${mode} of ${target.entityRef}: ${
            failed ? `${failed} pre-check(s) fail` : 'every pre-check passes'
          }; nothing was changed`,
        );
        return;
      }

      const runId = await ctx.checkpoint({
        key: 'failover.run-id.v1',
        fn: async () => randomUUID(),
      });
      const run = dataOf(
        await deps.delivery.request('post', '/runs', {
          body: {
            id: runId,
            entityRef: target.entityRef,
            environment: target.environment,
            action: FAILOVER_ACTION,
            initiatedBy: ctx.user?.ref ?? 'unknown',
            taskId: ctx.task.id,
            inputs: {
              mode,
              ...(input.acceptDataLoss ? { acceptDataLoss: true } : {}),
              ...(input.reason ? { reason: input.reason } : {}),
            },
            extraLocks: target.systemRef
              ? [
                  {
                    entityRef: target.systemRef,
                    environment: target.environment,
                  },
                ]
              : [],
          },
        }),
      );
      if (run.status !== 'running')
        throw new Error(
          `run ${runId} already ended (${run.status}: ${
            run.summary ?? 'no summary'
          }); a finished failover is not repeated, start a new one`,
        );
      ctx.output('runId', runId);
      ctx.logger.info(
        `Run ${runId}: ${mode} of ${target.entityRef} in ${target.environment}: ${target.primary.name} > ${target.dr.name}`,
      );

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
            checked.lagSeconds !== undefined
              ? `; lag ${checked.lagSeconds} s`
              : ''
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
          timeoutMs: input.timeoutSeconds * 1000,
          pollMs: deps.pollMs ?? 1000,
          verifySeconds: Math.max(
            input.verifySeconds,
            checked.dns?.ttlSeconds ?? deps.config.dr.dns.ttlSeconds,
          ),
        };
        if (needsApproval) {
          const approvalContext = fctx;
          await steps.run('approval', async () => ({
            detail: await awaitApproval(approvalContext, {
              mode,
              taskId: ctx.task.id,
              requestedBy: ctx.user?.ref ?? 'unknown',
              reason: input.reason!.trim(),
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
          await runDrill(fctx, runId.replace(/-/g, '').slice(0, 8), progress);
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
          ? Math.round((progress.servingAt - progress.changesStartedAt) / 100) /
            10
          : undefined;
      const outcome: DrFailoverOutcome = {
        mode,
        recoverySeconds,
        lagSecondsAtStart: report?.lagSeconds,
        acceptedDataLoss: input.acceptDataLoss || undefined,
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
      const cancelled = ctx.signal?.aborted;
      let status: 'succeeded' | 'failed' | 'aborted' = 'succeeded';
      if (error) status = cancelled ? 'aborted' : 'failed';
      await deps.delivery.request('post', '/runs/{id}/finish', {
        params: { path: { id: runId } },
        body: { status, summary, after: outcome },
      });
      if (error) {
        ctx.logger.error(summary);
        throw new Error(summary);
      }
      if (recoverySeconds !== undefined)
        ctx.output('recoverySeconds', recoverySeconds);
      ctx.logger.info(`Done: ${summary}`);
      ctx.output('summary', summary);
    },
  });
}
