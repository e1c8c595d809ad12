import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { applyDefaults } from '../applyDefaults';
import { switchToIdle } from '../../strategies/blueGreen';
import { promoteCanary } from '../../strategies/canary';
import { refuseUnusedInputs } from '../../strategies/refuseUnusedInputs';
import { redactUrl } from '../../strategies/smokeCheck';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
  clusterNames,
} from '../frame';
import { PausedDeploy, pausedDeployIn } from './pausedDeploy';
import { examples } from './promoteAction.examples';

/**
 * Creates `delivery:service:promote`: finishes a paused blue-green deploy (the switch and what
 * follows it) or canary (stable takes the canary's image, the canary goes to zero).
 * @public
 */
export function createPromoteAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:promote',
    description:
      'Promotes a paused blue-green or canary deploy: switches traffic to the new colour, or rolls the canary image out to stable',
    examples,
    schema: {
      input: {
        ...deliveryTargetInput,
        smokeUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'HTTP(S) URL that must answer 2xx after the promotion: blue-green switches back when it does not, canary puts stable back on its previous image',
            ),
        keepPreviousSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(86400)
            .optional()
            .describe(
              'Blue-green only (refused for canary): how long the previous colour keeps running. Default 300',
            ),
        rolloutTimeoutSeconds: z =>
          z.number().int().min(10).max(7200).default(600),
      },
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      // What the caller asked for, before the defaults fill in what they did not.
      const asked = { ...ctx.input } as Record<string, unknown>;
      if (ctx.input.smokeUrl && !/^https?:\/\//.test(ctx.input.smokeUrl))
        throw new InputError('smokeUrl: must be an http or https URL');
      const input = applyDefaults(ctx.input, {
        keepPreviousSeconds: 300,
        rolloutTimeoutSeconds: 600,
      });
      let paused: PausedDeploy[] = [];
      await runDeliveryAction(ctx, deps, {
        action: 'promote',
        entityRef: input.entityRef,
        environment: input.environment,
        rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
        recordedInputs: input.smokeUrl
          ? { smokeUrl: redactUrl(input.smokeUrl) }
          : {},
        describe: plan =>
          `promotion of the paused ${plan.strategy} deploy in ${
            input.environment
          } (${clusterNames(plan)})`,
        async check({ entityRef, strategy, workloads }) {
          paused = workloads.map(w => pausedDeployIn(strategy, w));
          refuseUnusedInputs(
            asked,
            strategy,
            `${entityRef} (its delivery/strategy annotation)`,
          );
          // The run names the image it put in place, as a deploy's does: the promotion
          // gate of the next environment reads it.
          return { image: paused[0].image };
        },
        async perform({ workloads, step }) {
          for (const [index, w] of workloads.entries()) {
            const found = paused[index];
            if (found.strategy === 'blue-green')
              await switchToIdle(w.cluster, w.deployments, found.plan, step, {
                smokeUrl: input.smokeUrl,
                keepPreviousMs: input.keepPreviousSeconds * 1000,
              });
            else
              await promoteCanary(
                w.cluster,
                w.deployments,
                found.image,
                step,
                input.smokeUrl,
              );
          }
          return {
            summary: `promoted ${paused[0].image} on ${input.environment} (${paused[0].strategy})`,
          };
        },
      });
    },
  });
}
