import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonValue } from '@backstage/types';
import { STRATEGIES } from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { randomUUID } from 'node:crypto';
import { KubeCluster } from '../../kube/KubeCluster';
import { authorizeDeliveryAction } from '../authorizeDeliveryAction';
import { deployBlueGreen } from './blueGreen';
import { deployCanary } from './canary';
import { DeliveryRunsClient } from './DeliveryRunsClient';
import { DeployStep } from './DeployStep';
import { resolveDeployTarget } from './resolveDeployTarget';
import { deployRolling } from './rolling';
import { redactUrl } from './smokeCheck';
import { ClusterWorkloads, describeWorkloads, readWorkloads } from './snapshot';

/** An image with a tag or a digest: "latest by default" is not a deployable version. */
const IMAGE =
  /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

export interface DeployActionOptions {
  catalog: CatalogService;
  config: DeliveryConfig;
  rootConfig: Config;
  permissions: PermissionsService;
  runs: DeliveryRunsClient;
  logger: LoggerService;
  /** How often a rollout is read while it is followed. */
  pollMs?: number;
}

/**
 * Creates `delivery:deploy`: an image to an environment with the service's strategy
 * (rolling, blue-green or canary), recorded in the run history, one at a time per
 * service and environment, resumable from checkpoints.
 * @public
 */
export function createDeployAction(options: DeployActionOptions) {
  return createTemplateAction({
    id: 'delivery:deploy',
    description:
      "Deploys an image to an environment with the service's strategy (rolling, blue-green or canary), following the rollout and recording the run",
    schema: {
      input: {
        entityRef: z => z.string().min(1).describe('The service'),
        environment: z => z.string().min(1).describe('Target environment'),
        image: z =>
          z
            .string()
            .describe(
              'Image with a tag or digest, e.g. ghcr.io/acme/api:1.4.2',
            ),
        strategy: z =>
          z
            .enum(STRATEGIES)
            .optional()
            .describe("Default: the service's delivery/strategy"),
        smokeUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'HTTP(S) URL that must answer 2xx before and after a blue-green switch',
            ),
        keepPreviousSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(86400)
            .default(300)
            .describe('Blue-green: how long the previous colour keeps running'),
        canarySteps: z =>
          z
            .array(z.number().int().min(1).max(99))
            .min(1)
            .max(10)
            .default([10, 50])
            .describe('Canary: traffic weights in percent'),
        canaryPauseSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(3600)
            .default(60)
            .describe('Canary: how long each weight is held'),
        rolloutTimeoutSeconds: z =>
          z.number().int().min(10).max(7200).default(600),
      },
      output: {
        runId: z => z.string().optional(),
        summary: z => z.string(),
        entityUrl: z => z.string(),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = ctx.input;
      if (!IMAGE.test(input.image))
        throw new InputError(
          `image: "${input.image}" must be an image reference with a tag or a sha256 digest`,
        );
      if (input.smokeUrl && !/^https?:\/\//.test(input.smokeUrl))
        throw new InputError('smokeUrl: must be an http or https URL');
      const credentials = await ctx.getInitiatorCredentials();
      const target = await resolveDeployTarget({
        ...options,
        entityRef: input.entityRef,
        environment: input.environment,
        strategy: input.strategy,
        credentials,
      });
      await authorizeDeliveryAction({
        ...options,
        credentials,
        entityRef: target.entityRef,
        environment: input.environment,
        action: 'deploy',
      });
      const clusters = target.clusters.map(
        c => new KubeCluster(c, ctx.logger, ctx.signal),
      );
      const before = await Promise.all(
        clusters.map(c => readWorkloads(c, target.kubernetesId)),
      );
      for (const { cluster, deployments } of before)
        if (!deployments.length)
          throw new InputError(
            `environment: ${cluster.name} runs no Deployment labelled backstage.io/kubernetes-id=${target.kubernetesId} (is the namespace there?)`,
          );
      const [, namespace, name] = /^[^:]+:([^/]+)\/(.+)$/.exec(
        target.entityRef,
      )!;
      ctx.output(
        'entityUrl',
        `/catalog/${namespace}/component/${name}/delivery`,
      );
      const what = `${target.strategy} deploy of ${input.image} to ${
        input.environment
      } (${clusters.map(c => c.name).join(', ')})`;

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would start a ${what}; nothing was changed`);
        for (const line of JSON.stringify(describeWorkloads(before)).match(
          /.{1,200}/g,
        ) ?? [])
          ctx.logger.info(`Now: ${line}`);
        ctx.output('summary', `Dry run of a ${what}`);
        return;
      }

      const runId = await ctx.checkpoint({
        key: 'deploy.run-id.v1',
        fn: () => randomUUID(),
      });
      await options.runs.start({
        id: runId,
        entityRef: target.entityRef,
        environment: input.environment,
        action: 'deploy',
        initiatedBy: ctx.user?.ref ?? 'unknown',
        taskId: ctx.task.id,
        inputs: {
          image: input.image,
          strategy: target.strategy,
          ...(input.smokeUrl ? { smokeUrl: redactUrl(input.smokeUrl) } : {}),
        },
        before: describeWorkloads(before),
      });
      ctx.output('runId', runId);
      ctx.logger.info(`Run ${runId}: ${what}`);

      const step: DeployStep = {
        logger: ctx.logger,
        signal: ctx.signal,
        checkpoint: <T extends JsonValue | void>(
          key: string,
          fn: () => Promise<T>,
        ) => ctx.checkpoint({ key, fn }),
        rolloutTimeoutMs: input.rolloutTimeoutSeconds * 1000,
        pollMs: options.pollMs ?? 2000,
      };
      const deployTo = (w: ClusterWorkloads) => {
        switch (target.strategy) {
          case 'blue-green':
            return deployBlueGreen(
              w.cluster,
              w.deployments,
              w.services,
              input.image,
              step,
              {
                smokeUrl: input.smokeUrl,
                keepPreviousMs: input.keepPreviousSeconds * 1000,
              },
            );
          case 'canary':
            return deployCanary(w.cluster, w.deployments, input.image, step, {
              steps: input.canarySteps,
              pauseMs: input.canaryPauseSeconds * 1000,
            });
          default:
            return deployRolling(w.cluster, w.deployments, input.image, step);
        }
      };
      const after = async () =>
        describeWorkloads(
          await Promise.all(
            clusters.map(c => readWorkloads(c, target.kubernetesId)),
          ),
        );
      try {
        for (const workloads of before) await deployTo(workloads);
      } catch (error) {
        const cancelled = ctx.signal?.aborted;
        await options.runs.finish(runId, {
          status: cancelled ? 'aborted' : 'failed',
          summary: cancelled ? `Cancelled: ${what}` : (error as Error).message,
          after: await after().catch(() => undefined),
        });
        throw error;
      }
      const summary = `${input.image} on ${input.environment} (${target.strategy})`;
      await options.runs.finish(runId, {
        status: 'succeeded',
        summary,
        after: await after(),
      });
      ctx.output('summary', summary);
    },
  });
}
