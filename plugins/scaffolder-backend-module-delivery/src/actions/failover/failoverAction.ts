import type { z as zod } from 'zod/v3';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DR_FAILOVER_MODES,
  FAILOVER_ACTION,
} from '@internal/backstage-plugin-delivery-common';
import { applyDefaults } from '../applyDefaults';
import {
  ActionPlan,
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
} from '../frame';
import { FailoverTarget, failoverTargetOf } from './failoverTarget';
import {
  FailoverRequest,
  performFailover,
  preCheckFailover,
} from './performFailover';
import { failedChecks } from './preChecks';
import { examples } from './failoverAction.examples';

const DEFAULTS = {
  acceptDataLoss: false,
  timeoutSeconds: 300,
  verifySeconds: 0,
};

export type FailoverDeps = DeliveryActionDeps;

/**
 * The inputs of `delivery:service:failover` as zod field builders: the action's schema, and what the
 * Delivery plugin's agent actions build theirs from.
 * @public
 */
export const failoverInput = {
  entityRef: deliveryTargetInput.entityRef,
  environment: deliveryTargetInput.environment,
  mode: (z: typeof zod) => z.enum(DR_FAILOVER_MODES),
  acceptDataLoss: (z: typeof zod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Failover only: promote even though the lag exceeds the RPO; the lag at that moment is recorded',
      ),
  reason: (z: typeof zod) =>
    z
      .string()
      .max(500)
      .optional()
      .describe(
        'Why; shown to the approver of a production switchover or failover',
      ),
  timeoutSeconds: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(10)
      .max(3600)
      .optional()
      .describe('Longest wait for one step (promotion, DNS, rollout)'),
  verifySeconds: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(0)
      .max(3600)
      .optional()
      .describe(
        'How long the DR side must stay healthy after the switch; at least the DNS TTL',
      ),
};

/**
 * Creates `delivery:service:failover`: a DR drill, switchover or failover of one service in one
 * environment, by the platform team; a production switchover or failover waits for a second
 * member's approval. Steps: pre-checks > approval > fence > catch-up > promote > DNS > scale
 * up > verify > record. One failover per system at a time, on every backend replica (the
 * run store's lock on the system).
 * @public
 */
export function createFailoverAction(deps: FailoverDeps) {
  return createTemplateAction({
    id: 'delivery:service:failover',
    description:
      'DR drill (timed switch of throwaway copies), planned switchover (no data loss) or unplanned failover of a service to its DR region',
    examples,
    schema: {
      input: failoverInput,
      output: {
        ...deliveryActionOutput,
        recoverySeconds: z => z.number().optional(),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, DEFAULTS);
      const request: FailoverRequest = {
        mode: input.mode,
        acceptDataLoss: input.acceptDataLoss,
        reason: input.reason,
        timeoutSeconds: input.timeoutSeconds,
        verifySeconds: input.verifySeconds,
      };
      const mode = input.mode;
      let target: FailoverTarget;
      const clustersOf = (plan: ActionPlan) => ({
        primary: plan.clusters[0],
        dr: plan.dr!,
      });
      await runDeliveryAction(ctx, deps, {
        action: FAILOVER_ACTION,
        validate: () => {
          if (input.acceptDataLoss && mode !== 'failover')
            throw new InputError(
              `acceptDataLoss: only an unplanned failover may lose data; a ${mode} never does`,
            );
        },
        reach: 'primary-and-dr',
        entityRef: input.entityRef,
        environment: input.environment,
        rolloutTimeoutSeconds: input.timeoutSeconds,
        recordedInputs: {
          mode,
          ...(input.acceptDataLoss ? { acceptDataLoss: true } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        },
        async check(plan) {
          target = failoverTargetOf(plan);
          if (
            target.production &&
            mode !== 'drill' &&
            (input.reason?.trim().length ?? 0) < 10
          )
            throw new InputError(
              `reason: a production ${mode} needs a reason of at least 10 characters for its approver`,
            );
        },
        describe: () =>
          `${mode} of ${target.entityRef} in ${target.environment}: ${target.primary.name} > ${target.dr.name}`,
        // One failover per system at a time, on every backend replica.
        alsoLocks: () =>
          target.systemRef
            ? [{ entityRef: target.systemRef, environment: target.environment }]
            : [],
        async dryRun(plan) {
          const report = await preCheckFailover(
            ctx,
            deps.delivery,
            target,
            clustersOf(plan),
            request,
          );
          const failed = failedChecks(report).length;
          return `Dry run of a ${mode} of ${target.entityRef}: ${
            failed ? `${failed} pre-check(s) fail` : 'every pre-check passes'
          }; nothing was changed`;
        },
        perform: (plan, runId) =>
          performFailover(ctx, deps, {
            id: runId!,
            target,
            initiator: plan.initiator,
            ...clustersOf(plan),
            request,
          }),
      });
    },
  });
}
