import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { applyDefaults } from '../applyDefaults';
import { checkSmokeUrl } from '../inputChecks';
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
  rolloutTimeoutInput,
} from '../frame';
import { rolloutImage } from '../../argo/argoRollout';
import { RolloutChange } from '../../argo/rolloutChange';
import { promoteChange } from '../../argo/rolloutCommands';
import { performRolloutChanges } from '../../argo/rolloutOutcome';
import { rolloutTargetsOf } from '../../argo/rolloutTargets';
import { refuseDeliveryOnlyInputs } from '../../argo/refuseDeliveryOnlyInputs';
import { PausedDeploy, pausedDeployIn } from './pausedDeploy';
import { examples } from './promoteAction.examples';

/**
 * Creates `delivery:service:promote`: finishes a paused blue-green deploy (the switch and what
 * follows it) or canary (stable takes the canary's image, the canary goes to zero). Where
 * Argo Rollouts run the service, promotes the Rollout as `kubectl argo rollouts promote`
 * does: its current pause, or with `full` the whole update.
 * @public
 */
export function createPromoteAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:promote',
    description:
      'Promotes a paused blue-green or canary deploy: switches traffic to the new colour, or rolls the canary image out to stable. Where Argo Rollouts run the service, promotes the Rollout past its current pause (or fully, with full)',
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
        full: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Argo Rollouts only (refused otherwise): promote the whole update, skipping the remaining steps, pauses and analyses (kubectl argo rollouts promote --full)',
            ),
        rolloutTimeoutSeconds: rolloutTimeoutInput(
          600,
          'the promoted version to be rolled out',
        ),
      },
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      // What the caller asked for, before the defaults fill in what they did not.
      const asked = { ...ctx.input } as Record<string, unknown>;
      const input = applyDefaults(ctx.input, {
        keepPreviousSeconds: 300,
        rolloutTimeoutSeconds: 600,
      });
      const full = Boolean(input.full);
      let paused: PausedDeploy[] = [];
      let rollouts: RolloutChange[] | undefined;
      await runDeliveryAction(ctx, deps, {
        action: 'promote',
        validate: () => checkSmokeUrl(input.smokeUrl),
        entityRef: input.entityRef,
        environment: input.environment,
        actsOnRollouts: true,
        rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
        recordedInputs: {
          ...(input.smokeUrl ? { smokeUrl: redactUrl(input.smokeUrl) } : {}),
          ...(full ? { full } : {}),
        },
        describe: plan =>
          rollouts
            ? `${full ? 'full ' : ''}promotion of the Argo Rollout in ${
                input.environment
              } (${clusterNames(plan)})`
            : `promotion of the paused ${plan.strategy} deploy in ${
                input.environment
              } (${clusterNames(plan)})`,
        async check({ entityRef, strategy, workloads }) {
          const targets = rolloutTargetsOf(workloads);
          if (targets) {
            refuseDeliveryOnlyInputs(asked, targets);
            rollouts = targets.map(t => promoteChange(t, full));
            return {
              argoRollouts: rollouts.map(r => r.describe),
              image: rolloutImage(targets[0].rollout) ?? '',
            };
          }
          if (full)
            throw new InputError(
              `full: ${entityRef} is not run by an Argo Rollout in ${input.environment}; promoting a paused ${strategy} deploy is always complete, leave full out`,
            );
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
        async perform({ workloads, step, serviceName }) {
          if (rollouts)
            return performRolloutChanges({
              action: 'promote',
              done: full ? 'fully promoted' : 'promoted',
              changes: rollouts,
              step,
              service: serviceName,
              environment: input.environment,
              fromStep: !full,
            });
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
