import type { z as zod } from 'zod/v3';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TRACKS } from '@internal/backstage-plugin-delivery-common';
import { applyDefaults } from '../applyDefaults';
import { waitForRollout } from '../../workloads/waitForRollout';
import { imageOf, scale, trackOf } from '../../workloads/DeployStep';
import {
  BlueGreenPlan,
  colour,
  planBlueGreen,
  switchToIdle,
} from '../../strategies/blueGreen';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
  clusterNames,
  rolloutTimeoutInput,
} from '../frame';
import { RolloutChange } from '../../argo/rolloutChange';
import { undoChange } from '../../argo/rolloutCommands';
import { performRolloutChanges } from '../../argo/rolloutOutcome';
import { rolloutTargetsOf } from '../../argo/rolloutTargets';
import { findRollbackTarget, RollbackTarget } from './revisions';
import { examples } from './rollbackAction.examples';

type Found =
  | { kind: 'revisions'; targets: RollbackTarget[] }
  | { kind: 'colour'; plan: BlueGreenPlan; image: string };

/**
 * The inputs of `delivery:service:rollback` as zod field builders: the action's schema, and what the
 * Delivery plugin's agent actions build theirs from.
 * @public
 */
export const rollbackInput = {
  ...deliveryTargetInput,
  revision: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "Default: the previous one. For an Argo Rollout, its ReplicaSets' rollout.argoproj.io/revision (kubectl argo rollouts undo --to-revision)",
      ),
  rolloutTimeoutSeconds: rolloutTimeoutInput(
    600,
    'the previous revision to be rolled out',
  ),
};

/**
 * Creates `delivery:service:rollback`: back to the previous (or a chosen) revision of each
 * Deployment, or for blue-green back to the other colour. Everything is checked in every
 * cluster before anything changes; a revision or colour that is gone is refused. Where Argo
 * Rollouts run the service, undoes as `kubectl argo rollouts undo` does: the Rollout takes
 * the pod template of its previous (or the chosen) revision and runs its own strategy.
 * @public
 */
export function createRollbackAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:rollback',
    description:
      'Rolls a service back in an environment: to the previous or a chosen Deployment revision, or for blue-green to the other colour; an Argo Rollout to the pod template of its previous or a chosen revision',
    examples,
    schema: {
      input: rollbackInput,
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, { rolloutTimeoutSeconds: 600 });
      let found: Found[] = [];
      let rollouts: RolloutChange[] | undefined;
      await runDeliveryAction(ctx, deps, {
        action: 'rollback',
        entityRef: input.entityRef,
        environment: input.environment,
        actsOnRollouts: true,
        rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
        recordedInputs: input.revision ? { revision: input.revision } : {},
        describe: plan =>
          rollouts
            ? `undo of the Argo Rollout in ${input.environment} (${clusterNames(
                plan,
              )})`
            : `${plan.strategy} rollback in ${
                input.environment
              } (${clusterNames(plan)})`,
        async check({ strategy, workloads }) {
          const argo = rolloutTargetsOf(workloads);
          if (argo) {
            rollouts = await Promise.all(
              argo.map(t => undoChange(t, input.revision)),
            );
            return { argoRollouts: rollouts.map(r => r.describe) };
          }
          found = await Promise.all(
            workloads.map(async (w): Promise<Found> => {
              if (strategy === 'blue-green') {
                if (input.revision !== undefined)
                  throw new InputError(
                    'revision: a blue-green service rolls back to its other colour; leave revision empty',
                  );
                const plan = planBlueGreen(
                  w.cluster,
                  w.deployments,
                  w.services,
                );
                const previous = colour(w.cluster, w.deployments, plan.idle);
                const live = colour(w.cluster, w.deployments, plan.active);
                if (imageOf(previous) === imageOf(live))
                  throw new InputError(
                    `revision: ${w.cluster.name}: ${
                      plan.idle
                    } runs the same image as ${plan.active} (${imageOf(
                      live,
                    )}); there is nothing to roll back to`,
                  );
                return { kind: 'colour', plan, image: imageOf(previous) ?? '' };
              }
              const targets = w.deployments.filter(
                d => !trackOf(d) || trackOf(d) === TRACKS.stable,
              );
              return {
                kind: 'revisions',
                targets: await Promise.all(
                  targets.map(d =>
                    findRollbackTarget(w.cluster, d, input.revision),
                  ),
                ),
              };
            }),
          );
          return undefined;
        },
        async perform({ workloads, step, serviceName }) {
          if (rollouts)
            return performRolloutChanges({
              action: 'rollback',
              done: 'rolled back',
              changes: rollouts,
              step,
              service: serviceName,
              environment: input.environment,
            });
          const done: string[] = [];
          for (const [index, w] of workloads.entries()) {
            const plan = found[index];
            if (plan.kind === 'colour') {
              const previous = colour(w.cluster, w.deployments, plan.plan.idle);
              // The previous colour back at full size and ready before traffic moves to it.
              await step.checkpoint(
                `rollback.${w.cluster.name}.scale-up.v1`,
                () => scale(w.cluster, previous, plan.plan.replicas),
              );
              await waitForRollout({
                cluster: w.cluster,
                namespace: plan.plan.namespace,
                name: previous.metadata!.name!,
                logger: step.logger,
                signal: step.signal,
                timeoutMs: step.rolloutTimeoutMs,
                pollMs: step.pollMs,
              });
              await switchToIdle(w.cluster, w.deployments, plan.plan, step, {
                keepPreviousMs: 0,
              });
              done.push(`${w.cluster.name}: ${plan.plan.idle} (${plan.image})`);
              continue;
            }
            for (const target of plan.targets) {
              await step.checkpoint(
                `rollback.${w.cluster.name}.${target.deployment}.v1`,
                async () => {
                  await w.cluster.patchDeployment(
                    target.namespace,
                    target.deployment,
                    {
                      spec: {
                        template: { spec: { containers: target.containers } },
                      },
                    },
                  );
                },
              );
              step.logger.info(
                `${w.cluster.name}/${target.deployment}: revision ${
                  target.from
                } -> ${target.to} (${target.containers
                  .map(c => c.image)
                  .join(', ')})`,
              );
              await waitForRollout({
                cluster: w.cluster,
                namespace: target.namespace,
                name: target.deployment,
                logger: step.logger,
                signal: step.signal,
                timeoutMs: step.rolloutTimeoutMs,
                pollMs: step.pollMs,
              });
              done.push(
                `${w.cluster.name}/${target.deployment}: revision ${target.to}`,
              );
            }
          }
          return {
            summary: `rolled back in ${input.environment}: ${done.join('; ')}`,
          };
        },
      });
    },
  });
}
