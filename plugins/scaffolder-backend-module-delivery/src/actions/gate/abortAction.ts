import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { scale } from '../../workloads/DeployStep';
import { colour } from '../../strategies/blueGreen';
import { canaryPair } from '../../strategies/canary';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
  clusterNames,
  rolloutTimeoutInput,
} from '../frame';
import { RolloutChange } from '../../argo/rolloutChange';
import { abortChange } from '../../argo/rolloutCommands';
import { performRolloutChanges } from '../../argo/rolloutOutcome';
import { rolloutTargetsOf } from '../../argo/rolloutTargets';
import { PausedDeploy, pausedDeployIn } from './pausedDeploy';
import { examples } from './abortAction.examples';

/**
 * Creates `delivery:service:abort`: ends a paused blue-green or canary deploy without moving
 * traffic: the prepared colour, or the canary, goes back to zero replicas. Where Argo
 * Rollouts run the service, aborts the Rollout's update as `kubectl argo rollouts abort`
 * does: stable takes all traffic back.
 * @public
 */
export function createAbortAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:abort',
    description:
      'Aborts a paused blue-green or canary deploy: scales the new colour or the canary to zero; traffic never moved. Where Argo Rollouts run the service, aborts the Rollout: stable serves everything again',
    examples,
    schema: {
      input: {
        ...deliveryTargetInput,
        rolloutTimeoutSeconds: rolloutTimeoutInput(
          60,
          'the canary (or an Argo Rollout) to be back at stable',
        ),
      },
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      let paused: PausedDeploy[] = [];
      let rollouts: RolloutChange[] | undefined;
      await runDeliveryAction(ctx, deps, {
        action: 'abort',
        entityRef: ctx.input.entityRef,
        environment: ctx.input.environment,
        actsOnRollouts: true,
        rolloutTimeoutSeconds: ctx.input.rolloutTimeoutSeconds ?? 60,
        recordedInputs: {},
        describe: plan =>
          rollouts
            ? `abort of the Argo Rollout's update in ${
                ctx.input.environment
              } (${clusterNames(plan)})`
            : `abort of the paused ${plan.strategy} deploy in ${
                ctx.input.environment
              } (${clusterNames(plan)})`,
        async check({ strategy, workloads }) {
          const targets = rolloutTargetsOf(workloads);
          if (targets) {
            rollouts = targets.map(abortChange);
            return { argoRollouts: rollouts.map(r => r.describe) };
          }
          paused = workloads.map(w => pausedDeployIn(strategy, w));
          return undefined;
        },
        async perform({ workloads, step, serviceName }) {
          if (rollouts)
            return performRolloutChanges({
              action: 'abort',
              done: 'aborted',
              changes: rollouts,
              step,
              service: serviceName,
              environment: ctx.input.environment,
              abortExpected: true,
            });
          for (const [index, w] of workloads.entries()) {
            const found = paused[index];
            const target =
              found.strategy === 'blue-green'
                ? colour(w.cluster, w.deployments, found.plan.idle)
                : canaryPair(w.cluster, w.deployments).canary;
            await step.checkpoint(`abort.${w.cluster.name}.v1`, () =>
              scale(w.cluster, target, 0),
            );
            step.logger.info(
              `${w.cluster.name}: ${
                target.metadata!.name
              } scaled to 0; traffic stays where it was`,
            );
          }
          return {
            summary: `aborted ${paused[0].image} on ${ctx.input.environment} (${paused[0].strategy})`,
          };
        },
      });
    },
  });
}
