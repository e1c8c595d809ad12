import type { z as zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Strategy } from '@internal/backstage-plugin-delivery-common';
import { applyDefaults } from '../applyDefaults';
import { enforceBudget } from '../budget/enforceBudget';
import { ClusterWorkloads } from '../../workloads/snapshot';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
  clusterNames,
} from '../frame';
import { applyScale } from './applyScale';
import { changeLine, outcomeLine, planLine } from './describeScale';
import { scaleCostChange } from './scaleCostChange';
import { ClusterScaleState, planScale, ScaleTarget } from './scalePlan';
import { checkScaleRequest, describeRequest } from './scaleRequest';
import { servingDeployments } from './servingDeployments';
import { waitForScale } from './waitForScale';
import { examples } from './scaleAction.examples';

const DEFAULTS = { rolloutTimeoutSeconds: 600 };

/** The serving Deployments of each cluster and the autoscalers of their namespaces. */
async function readScaleState(
  strategy: Strategy,
  workloads: ClusterWorkloads[],
): Promise<ClusterScaleState[]> {
  return Promise.all(
    workloads.map(async w => {
      const deployments = servingDeployments(strategy, w);
      const namespaces = [
        ...new Set(deployments.map(d => d.metadata!.namespace!)),
      ];
      const autoscalers = (
        await Promise.all(namespaces.map(ns => w.cluster.autoscalersIn(ns)))
      ).flat();
      return { cluster: w.cluster.name, deployments, autoscalers };
    }),
  );
}

/**
 * The inputs of `delivery:service:scale` as zod field builders: the action's schema, and what the
 * Delivery plugin's agent actions build theirs from.
 * @public
 */
export const scaleInput = {
  ...deliveryTargetInput,
  replicas: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe(
        'For Deployments without a HorizontalPodAutoscaler: how many replicas',
      ),
  // Kubernetes refuses an autoscaler bound below 1 (minReplicas 0 needs an alpha
  // feature gate): refused here, before any cluster changes, rather than half-way.
  minReplicas: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        "For Deployments under a HorizontalPodAutoscaler: its new minReplicas (default: the HPA's own)",
      ),
  maxReplicas: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        "For Deployments under a HorizontalPodAutoscaler: its new maxReplicas (default: the HPA's own)",
      ),
  rolloutTimeoutSeconds: (z: typeof zod) =>
    z
      .number()
      .int()
      .min(10)
      .max(7200)
      .default(DEFAULTS.rolloutTimeoutSeconds)
      .describe('How long each Deployment may take to run what it should'),
};

/**
 * Creates `delivery:service:scale`: the replicas of the Deployments that serve a service's traffic
 * in an environment, or the bounds of the HorizontalPodAutoscalers that scale them. Every
 * cluster is checked before anything changes, and the budget gate holds the pods added
 * against the month's forecast; then each change is made once (a recovered task does not
 * make it again) and followed until the Deployment runs what it should.
 * @public
 */
export function createScaleAction(deps: DeliveryActionDeps) {
  return createTemplateAction({
    id: 'delivery:service:scale',
    description:
      "Scales a service in an environment: the replicas of its serving Deployments, or the bounds of the HorizontalPodAutoscalers that scale them, within the service's budget",
    examples,
    schema: {
      input: scaleInput,
      output: {
        ...deliveryActionOutput,
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, DEFAULTS);
      const request = {
        replicas: input.replicas,
        minReplicas: input.minReplicas,
        maxReplicas: input.maxReplicas,
      };
      let targets: ScaleTarget[] = [];
      await runDeliveryAction(ctx, deps, {
        action: 'scale',
        validate: () => checkScaleRequest(request),
        entityRef: input.entityRef,
        environment: input.environment,
        rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
        recordedInputs: Object.fromEntries(
          Object.entries(request).filter(([, value]) => value !== undefined),
        ),
        describe: plan =>
          `${plan.strategy} scale in ${input.environment} (${clusterNames(
            plan,
          )}): ${describeRequest(request)}`,
        async check({ entityRef, strategy, workloads }) {
          const planned = planScale(
            await readScaleState(strategy, workloads),
            request,
          );
          targets = planned.map(p => p.target);
          for (const target of targets)
            ctx.logger.info(`Plan, ${planLine(target)}`);
          return enforceBudget(ctx, deps, {
            entityRef,
            environment: input.environment,
            action: 'scale',
            changes: scaleCostChange(planned),
          });
        },
        async perform({ workloads, step }) {
          // The plan as first made: a recovered task reports the bounds before its first
          // attempt, not the ones that attempt set.
          const plan = await step.checkpoint<ScaleTarget[]>(
            'scale.plan.v1',
            async () => targets,
          );
          const clusterOf = (target: ScaleTarget) =>
            workloads.find(w => w.cluster.name === target.cluster)!.cluster;
          // Every change first, then the waits: the clusters converge side by side.
          for (const target of plan)
            await step.checkpoint(
              `scale.${target.cluster}.${target.namespace}.${target.deployment}.v1`,
              () =>
                applyScale(clusterOf(target), target, text =>
                  step.logger.info(text),
                ),
            );
          const outcomes: string[] = [];
          for (const target of plan) {
            const now = await waitForScale(clusterOf(target), target, step);
            outcomes.push(
              outcomeLine(target, now.status?.availableReplicas ?? 0),
            );
          }
          return {
            summary: outcomes.join('; '),
            changes: plan.flatMap(changeLine),
          };
        },
      });
    },
  });
}
