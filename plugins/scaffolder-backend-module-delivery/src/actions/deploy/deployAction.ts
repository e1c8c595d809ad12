import type { z as zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { STRATEGIES } from '@internal/backstage-plugin-delivery-common';
import { applyDefaults } from '../applyDefaults';
import { checkImage, checkSmokeUrl } from '../inputChecks';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
  clusterNames,
  rolloutTimeoutInput,
} from '../frame';
import { enforceBudget } from '../budget/enforceBudget';
import { deployBlueGreen } from '../../strategies/blueGreen';
import { deployCostChange } from './deployCostChange';
import { deployCanary } from '../../strategies/canary';
import { deployRolling } from '../../strategies/rolling';
import { refuseUnusedInputs } from '../../strategies/refuseUnusedInputs';
import { redactUrl } from '../../strategies/smokeCheck';
import { RolloutChange } from '../../argo/rolloutChange';
import { deployChange } from '../../argo/rolloutCommands';
import { rolloutCostChange } from '../../argo/rolloutCostChange';
import { performRolloutChanges } from '../../argo/rolloutOutcome';
import { rolloutTargetsOf } from '../../argo/rolloutTargets';
import { refuseDeliveryOnlyInputs } from '../../argo/refuseDeliveryOnlyInputs';
import { examples } from './deployAction.examples';

const DEFAULTS = {
  keepPreviousSeconds: 300,
  canarySteps: [10, 50],
  canaryPauseSeconds: 60,
  pauseForPromotion: false,
  rolloutTimeoutSeconds: 600,
};

/**
 * The inputs of `delivery:service:deploy` as zod field builders: the action's schema, and what the
 * Delivery plugin's agent actions build theirs from.
 * @public
 */
export const deployInput = {
  ...deliveryTargetInput,
  image: (z: typeof zod) =>
    z
      .string()
      .describe('Image with a tag or digest, e.g. ghcr.io/acme/api:1.4.2'),
  strategy: (z: typeof zod) =>
    z
      .enum(STRATEGIES)
      .optional()
      .describe("Default: the service's delivery/strategy"),
  smokeUrl: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'HTTP(S) URL that must answer 2xx after the change, with every strategy: rolling after the rollout (a failure rolls back to the previous image); canary after each weight has held (a failure aborts the canary) and after the promotion (a failure puts stable back); blue-green before and after the switch (a failure after it switches back)',
      ),
  keepPreviousSeconds: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(0)
      .max(86400)
      // No schema default: an input given is one the caller asked for (see check).
      .optional()
      .describe(
        'Blue-green only (refused for other strategies): how long the previous colour keeps running. Default 300',
      ),
  canarySteps: (z: typeof zod) =>
    z
      .array(z.number().int().min(1).max(99))
      .min(1)
      .max(10)
      .optional()
      .describe(
        'Canary only (refused for other strategies): traffic weights in percent. Default [10, 50]',
      ),
  canaryPauseSeconds: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(0)
      .max(3600)
      .optional()
      .describe(
        'Canary only (refused for other strategies): how long each weight is held. Default 60',
      ),
  pauseForPromotion: (z: typeof zod) =>
    z
      .boolean()
      .default(DEFAULTS.pauseForPromotion)
      .describe(
        'Blue-green: stop before the switch; canary: stop after the first weight. Then promote or abort. Refused for rolling, which has nothing to pause before.',
      ),
  rolloutTimeoutSeconds: rolloutTimeoutInput(
    DEFAULTS.rolloutTimeoutSeconds,
    'the new version to be rolled out',
  ),
};

/**
 * Creates `delivery:service:deploy`: an image to an environment with the service's strategy
 * (rolling, blue-green or canary), recorded in the run history, one at a time per
 * service and environment, resumable from checkpoints. Blue-green and canary can pause
 * for `delivery:service:promote` or `delivery:service:abort`. Where Argo Rollouts run the
 * service, the image goes into the Rollout's pod template and the Rollout's own strategy
 * runs the update (Delivery's strategies do not run on top of it).
 * @public
 */
export function createDeployAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:deploy',
    description:
      "Deploys an image to an environment with the service's strategy (rolling, blue-green or canary), following the rollout and recording the run",
    examples,
    schema: {
      input: deployInput,
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      // What the caller asked for, before the defaults fill in what they did not.
      const asked = { ...ctx.input } as Record<string, unknown>;
      const input = applyDefaults(ctx.input, DEFAULTS);
      let rollouts: RolloutChange[] | undefined;
      await runDeliveryAction(ctx, deps, {
        action: 'deploy',
        validate: () => {
          checkImage(input.image);
          checkSmokeUrl(input.smokeUrl);
        },
        entityRef: input.entityRef,
        environment: input.environment,
        strategy: input.strategy,
        actsOnRollouts: true,
        rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
        recordedInputs: {
          image: input.image,
          ...(input.strategy ? { strategy: input.strategy } : {}),
          ...(input.smokeUrl ? { smokeUrl: redactUrl(input.smokeUrl) } : {}),
          ...(input.pauseForPromotion ? { pauseForPromotion: true } : {}),
        },
        // Before anything changes: the pods the deploy runs beside today's, against the budget.
        check: ({ entityRef, strategy, workloads }) => {
          const targets = rolloutTargetsOf(workloads);
          if (targets) {
            refuseDeliveryOnlyInputs(asked, targets);
            rollouts = targets.map(t => deployChange(t, input.image));
            return enforceBudget(ctx, deps, {
              entityRef,
              environment: input.environment,
              action: 'deploy',
              changes: rolloutCostChange(targets, input.rolloutTimeoutSeconds),
            });
          }
          refuseUnusedInputs(
            asked,
            strategy,
            input.strategy
              ? 'this deploy'
              : `${entityRef} (its delivery/strategy annotation)`,
          );
          return enforceBudget(ctx, deps, {
            entityRef,
            environment: input.environment,
            action: 'deploy',
            changes: deployCostChange(strategy, workloads, input),
          });
        },
        describe: plan =>
          rollouts
            ? `deploy of ${input.image} to ${
                input.environment
              } by its Argo Rollout (${clusterNames(plan)})`
            : `${plan.strategy} deploy of ${input.image} to ${
                input.environment
              } (${clusterNames(plan)})`,
        async perform({ strategy, workloads, step, serviceName }) {
          if (rollouts)
            return performRolloutChanges({
              action: 'deploy',
              done: `deployed ${input.image} to`,
              changes: rollouts,
              step,
              service: serviceName,
              environment: input.environment,
            });
          let paused = false;
          for (const w of workloads) {
            let result: 'paused' | 'done' = 'done';
            if (strategy === 'blue-green')
              result = await deployBlueGreen(
                w.cluster,
                w.deployments,
                w.services,
                input.image,
                step,
                {
                  smokeUrl: input.smokeUrl,
                  keepPreviousMs: input.keepPreviousSeconds * 1000,
                  pause: input.pauseForPromotion,
                },
              );
            else if (strategy === 'canary')
              result = await deployCanary(
                w.cluster,
                w.deployments,
                input.image,
                step,
                {
                  steps: input.canarySteps,
                  pauseMs: input.canaryPauseSeconds * 1000,
                  pause: input.pauseForPromotion,
                  smokeUrl: input.smokeUrl,
                },
              );
            else
              await deployRolling(w.cluster, w.deployments, input.image, step, {
                smokeUrl: input.smokeUrl,
              });
            paused = paused || result === 'paused';
          }
          return paused
            ? {
                status: 'paused',
                summary: `${input.image} on ${input.environment} (${strategy}), paused: promote or abort`,
              }
            : {
                summary: `${input.image} on ${input.environment} (${strategy})`,
              };
        },
      });
    },
  });
}
