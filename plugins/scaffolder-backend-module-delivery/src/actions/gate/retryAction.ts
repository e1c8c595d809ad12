import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RolloutChange } from '../../argo/rolloutChange';
import { retryChange } from '../../argo/rolloutCommands';
import { performRolloutChanges } from '../../argo/rolloutOutcome';
import { rolloutTargetsOf } from '../../argo/rolloutTargets';
import { applyDefaults } from '../applyDefaults';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
  clusterNames,
  rolloutTimeoutInput,
} from '../frame';
import { examples } from './retryAction.examples';

/**
 * Creates `delivery:service:retry`: starts an aborted Argo Rollout's update again from its
 * first step, as `kubectl argo rollouts retry rollout` does. Only a Rollout keeps an
 * aborted update to retry: a service Delivery's own Deployments run is refused (deploy
 * again instead).
 * @public
 */
export function createRetryAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:retry',
    description:
      "Retries an aborted Argo Rollout: its update starts again from the first step, following the Rollout's own strategy",
    examples,
    schema: {
      input: {
        ...deliveryTargetInput,
        rolloutTimeoutSeconds: rolloutTimeoutInput(
          600,
          'the Rollout to reach its first pause or healthy',
        ),
      },
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, { rolloutTimeoutSeconds: 600 });
      let rollouts: RolloutChange[] = [];
      await runDeliveryAction(ctx, deps, {
        action: 'retry',
        entityRef: input.entityRef,
        environment: input.environment,
        actsOnRollouts: true,
        rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
        recordedInputs: {},
        describe: plan =>
          `retry of the aborted Argo Rollout in ${
            input.environment
          } (${clusterNames(plan)})`,
        async check({ entityRef, workloads }) {
          const targets = rolloutTargetsOf(workloads);
          if (!targets)
            throw new InputError(
              `environment: ${entityRef} is not run by an Argo Rollout in ${input.environment}; only a Rollout keeps an aborted update to retry: deploy the image again instead (delivery:service:deploy)`,
            );
          rollouts = targets.map(retryChange);
          return { argoRollouts: rollouts.map(r => r.describe) };
        },
        perform: ({ step, serviceName }) =>
          performRolloutChanges({
            action: 'retry',
            done: 'retried',
            changes: rollouts,
            step,
            service: serviceName,
            environment: input.environment,
          }),
      });
    },
  });
}
