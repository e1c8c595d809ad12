import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  dataOf,
  DeliveryApiClient,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v3';
import { KubeCluster } from '../kube/KubeCluster';
import { authorizeDeliveryAction } from './authorizeDeliveryAction';
import { DeployStep } from './deploy/DeployStep';
import {
  deliveryTabUrl,
  resolveDeployTarget,
} from './deploy/resolveDeployTarget';
import {
  ClusterWorkloads,
  describeWorkloads,
  readWorkloads,
} from './deploy/snapshot';

/** The inputs naming what every Delivery action acts on. */
export const deliveryTargetInput = {
  entityRef: (zImpl: typeof z) =>
    zImpl.string().min(1).describe('The service, e.g. component:default/api'),
  environment: (zImpl: typeof z) =>
    zImpl.string().min(1).describe('One of delivery.environments'),
};

/** The outputs runDeliveryAction writes for every action. */
export const deliveryActionOutput = {
  runId: (zImpl: typeof z) =>
    zImpl.string().optional().describe('The run in the run history'),
  summary: (zImpl: typeof z) => zImpl.string(),
  entityUrl: (zImpl: typeof z) =>
    zImpl.string().describe("The service's Delivery tab"),
};

/** What every Delivery action that changes a service needs from the backend. */
export interface DeliveryActionDeps {
  catalog: CatalogService;
  config: DeliveryConfig;
  rootConfig: Config;
  /** Every cluster Delivery reaches (readClusterConnections), read once at start-up. */
  connections: ClusterConnection[];
  permissions: PermissionsService;
  /**
   * The Delivery backend (run store, budget check, approvals, DR providers), through the
   * client generated from its contract (see deliveryApiFor).
   */
  delivery: DeliveryApiClient;
  logger: LoggerService;
  /** How often a rollout is read while it is followed. */
  pollMs?: number;
}

export interface ActionPlan {
  /** The service, as the catalog spells its ref. */
  entityRef: string;
  strategy: Strategy;
  /** The value of the service's backstage.io/kubernetes-id label. */
  kubernetesId: string;
  /** The entity's annotations (the GitHub project slug, for one). */
  annotations: Record<string, string>;
  workloads: ClusterWorkloads[];
  step: DeployStep;
}

/** What an action's own part returns: the outcome and the run's status. */
export interface ActionOutcome {
  summary: string;
  status?: 'succeeded' | 'paused';
}

/** Logging, cancellation and checkpoints of a task, as the strategies use them. */
export function actionStep(
  ctx: ActionContext<any, any>,
  deps: Pick<DeliveryActionDeps, 'pollMs'>,
  rolloutTimeoutSeconds: number,
): DeployStep {
  return {
    logger: ctx.logger,
    signal: ctx.signal,
    checkpoint: <T extends JsonValue | void>(
      key: string,
      fn: () => Promise<T>,
    ) => ctx.checkpoint({ key, fn }),
    rolloutTimeoutMs: rolloutTimeoutSeconds * 1000,
    pollMs: deps.pollMs ?? 2000,
  };
}

/**
 * The frame every Delivery action runs in, in this order: the target resolved and checked
 * (catalog, environment, clusters, workloads present), the permission checked on the
 * server, the state read; in a dry run the plan is printed and nothing else happens;
 * otherwise the run is started (taking the service and environment's lock, with an id
 * kept in a checkpoint so a recovered task gets its run back), the action performed, and
 * the run finished with the state after and the outcome, whatever happened.
 */
export async function runDeliveryAction(
  ctx: ActionContext<any, any>,
  deps: DeliveryActionDeps,
  request: {
    action: string;
    entityRef: string;
    environment: string;
    strategy?: Strategy;
    rolloutTimeoutSeconds: number;
    /** False for an action that does not act on Kubernetes. Default true. */
    kubernetes?: boolean;
    /** Inputs as the run history keeps them: no secrets. */
    recordedInputs: JsonObject;
    describe: (strategy: Strategy, clusters: string[]) => string;
    /**
     * Checks that need the state, before anything changes (a missing revision, the budget);
     * what they return joins the recorded inputs.
     */
    check?: (plan: ActionPlan) => Promise<JsonObject | void>;
    perform: (plan: ActionPlan) => Promise<ActionOutcome>;
  },
): Promise<void> {
  const credentials = await ctx.getInitiatorCredentials();
  const target = await resolveDeployTarget({
    ...deps,
    entityRef: request.entityRef,
    environment: request.environment,
    strategy: request.strategy,
    credentials,
    kubernetes: request.kubernetes,
  });
  await authorizeDeliveryAction({
    ...deps,
    credentials,
    entityRef: target.entityRef,
    environment: request.environment,
    action: request.action,
  });
  const clusters = target.clusters.map(
    c => new KubeCluster(c, ctx.logger, ctx.signal),
  );
  const workloads = await Promise.all(
    clusters.map(c => readWorkloads(c, target.kubernetesId)),
  );
  for (const { cluster, deployments } of workloads)
    if (!deployments.length)
      throw new InputError(
        `environment: ${cluster.name} runs no Deployment labelled backstage.io/kubernetes-id=${target.kubernetesId} (is the namespace there?)`,
      );
  ctx.output('entityUrl', deliveryTabUrl(target.entityRef));
  const what = request.describe(
    target.strategy,
    clusters.map(c => c.name),
  );
  const step = actionStep(ctx, deps, request.rolloutTimeoutSeconds);
  const plan: ActionPlan = {
    entityRef: target.entityRef,
    strategy: target.strategy,
    kubernetesId: target.kubernetesId,
    annotations: target.annotations,
    workloads,
    step,
  };
  const checked = (await request.check?.(plan)) ?? {};

  if (ctx.isDryRun) {
    ctx.logger.info(`Dry run: would start a ${what}; nothing was changed`);
    ctx.logger.info(`Now: ${JSON.stringify(describeWorkloads(workloads))}`);
    ctx.output('summary', `Dry run of a ${what}`);
    return;
  }

  const runId = await ctx.checkpoint({
    key: `${request.action}.run-id.v1`,
    fn: () => randomUUID(),
  });
  const run = dataOf(
    await deps.delivery.request('post', '/runs', {
      body: {
        id: runId,
        entityRef: target.entityRef,
        environment: request.environment,
        action: request.action,
        initiatedBy: ctx.user?.ref ?? 'unknown',
        taskId: ctx.task.id,
        inputs: {
          ...request.recordedInputs,
          ...checked,
          strategy: target.strategy,
        },
        before: describeWorkloads(workloads),
      },
    }),
  );
  // The same run id comes back for a recovered task (its run still running); a retried
  // task whose run already ended must not redo what that run did, unlocked.
  if (run.status !== 'running')
    throw new Error(
      `run ${runId} already ended (${run.status}: ${
        run.summary ?? 'no summary'
      }); a finished run is not repeated, start a new one`,
    );
  ctx.output('runId', runId);
  ctx.logger.info(`Run ${runId}: ${what}`);
  const after = async () =>
    describeWorkloads(
      await Promise.all(
        clusters.map(c => readWorkloads(c, target.kubernetesId)),
      ),
    );
  let outcome: ActionOutcome;
  try {
    outcome = await request.perform(plan);
  } catch (error) {
    const cancelled = ctx.signal?.aborted;
    await deps.delivery.request('post', '/runs/{id}/finish', {
      params: { path: { id: runId } },
      body: {
        status: cancelled ? 'aborted' : 'failed',
        summary: cancelled ? `Cancelled: ${what}` : (error as Error).message,
        after: await after().catch(() => undefined),
      },
    });
    throw error;
  }
  await deps.delivery.request('post', '/runs/{id}/finish', {
    params: { path: { id: runId } },
    body: {
      status: outcome.status ?? 'succeeded',
      summary: outcome.summary,
      after: await after(),
    },
  });
  ctx.logger.info(`Done: ${outcome.summary}`);
  ctx.output('summary', outcome.summary);
}
