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
} from '../frame';
import { PausedDeploy, pausedDeployIn } from './pausedDeploy';
import { examples } from './abortAction.examples';

/**
 * Creates `delivery:service:abort`: ends a paused blue-green or canary deploy without moving
 * traffic: the prepared colour, or the canary, goes back to zero replicas.
 * @public
 */
export function createAbortAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:abort',
    description:
      'Aborts a paused blue-green or canary deploy: scales the new colour or the canary to zero; traffic never moved',
    examples,
    schema: {
      input: {
        ...deliveryTargetInput,
      },
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      let paused: PausedDeploy[] = [];
      await runDeliveryAction(ctx, deps, {
        action: 'abort',
        entityRef: ctx.input.entityRef,
        environment: ctx.input.environment,
        rolloutTimeoutSeconds: 60,
        recordedInputs: {},
        describe: plan =>
          `abort of the paused ${plan.strategy} deploy in ${
            ctx.input.environment
          } (${clusterNames(plan)})`,
        async check({ strategy, workloads }) {
          paused = workloads.map(w => pausedDeployIn(strategy, w));
        },
        async perform({ workloads, step }) {
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
