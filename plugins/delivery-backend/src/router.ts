import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeliveryHealth,
  deliveryEntityReadPermission,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import {
  authorizeEntity,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import express from 'express';
import { normalizeRef } from './validation';
import { RouteAudit } from './audit/routeAudit';
import { runFinishEvent, runStartEvent } from './audit/routeEvents';
import { ClusterCache } from './cache/ClusterCache';
import { CostService } from './cost/CostService';
import { DoraService } from './dora/DoraService';
import { DrReadinessService } from './dr/DrReadinessService';
import { freezesFor } from './freezes/freezesFor';
import { DeliveryNotifications } from './notifications/DeliveryNotifications';
import { OverviewService } from './overview/OverviewService';
import { readAuthorizedEntity } from './permissions/readAuthorizedEntity';
import {
  scaffolderCaller,
  userTheScaffolderActsFor,
} from './permissions/scaffolderCaller';
import { rolloutsFor } from './rollouts/rolloutsFor';
import { RunStore } from './runs/RunStore';
import { namedFieldErrors } from './schema/namedFieldErrors';
import { createOpenApiRouter } from './schema/openapi';
import { DeliveryApiRouter } from './schema/typedRouter';

/**
 * The Delivery REST API. Every request is checked against the contract
 * (`src/schema/openapi.yaml`) before a handler runs, and the routers of approvals, budget
 * checks, DR operations and repositories are mounted inside this one, so the check covers
 * them too. Handlers add what a schema cannot say (an entity ref that parses, a configured
 * environment) and delegate to the plugin's services.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  config: DeliveryConfig;
  runStore: RunStore;
  cache?: ClusterCache;
  overview: OverviewService;
  dr: DrReadinessService;
  cost: CostService;
  dora: DoraService;
  /** The audit of the mutating routes (createRouteAudit). */
  audit: RouteAudit;
  /** Tells the service's owners of a failed run or a production change. */
  notifications: DeliveryNotifications;
}): Promise<DeliveryApiRouter> {
  const {
    httpAuth,
    permissions,
    catalog,
    config,
    runStore,
    cache,
    overview,
    dr,
    cost,
    dora,
    audit,
    notifications,
  } = options;
  const router = await createOpenApiRouter();
  router.use(namedFieldErrors());

  /**
   * The service a read route names in `?entityRef=`, read as the caller, who must hold
   * `delivery.entity.read` on it; refused as "Not allowed to read <what> of <ref>".
   */
  const readableEntityOf = async (
    req: express.Request<any, any, any, { entityRef: string }>,
    what: string,
  ) => {
    const entityRef = normalizeRef(req.query.entityRef, 'entityRef');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await readAuthorizedEntity(
      { permissions, catalog },
      {
        credentials,
        entityRef,
        refusal: `Not allowed to read ${what} of ${entityRef}`,
      },
    );
    return { entityRef, entity };
  };

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: DeliveryHealth = {
      status: 'ok',
      environments: config.environments,
      clusters: config.clusters,
    };
    res.json(body);
  });

  router.get('/runs', async (req, res) => {
    const entityRef = normalizeRef(req.query.entityRef, 'entityRef');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeEntity(permissions, {
      credentials,
      permission: deliveryEntityReadPermission,
      entityRef,
      refusal: `Not allowed to read delivery runs of ${entityRef}`,
    });
    res.json({
      items: await runStore.listRuns({
        entityRef,
        limit: req.query.limit ?? 50,
      }),
    });
  });

  // Runs are recorded by the Delivery scaffolder actions on behalf of the task's initiator,
  // who is recorded as who started the run; users read them.
  router.post('/runs', async (req, res) => {
    const run = await audit(
      req,
      runStartEvent(req.body),
      async () => {
        const onBehalfOf = await userTheScaffolderActsFor(httpAuth, req);
        const body = req.body;
        return runStore.startRun({
          ...body,
          initiatedBy: onBehalfOf,
          entityRef: normalizeRef(body.entityRef, 'entityRef'),
          extraLocks: body.extraLocks?.map(lock => ({
            ...lock,
            entityRef: normalizeRef(lock.entityRef, 'extraLocks.entityRef'),
          })),
        });
      },
      started => ({ runId: started.id, initiatedBy: started.initiatedBy }),
    );
    res.status(201).json(run);
  });

  router.post('/runs/:id/finish', async (req, res) => {
    // Read first for the audit event: the service and environment the run changed.
    const run = await runStore.getRun(req.params.id);
    await audit(req, runFinishEvent(req.params.id, run, req.body), async () => {
      await scaffolderCaller(httpAuth, req);
      await runStore.finishRun(req.params.id, req.body);
    });
    // As recorded: a retried finish reads the first outcome, and notifies nothing new.
    await notifications.runFinished(req.params.id);
    res.status(204).end();
  });

  router.get('/rollouts', async (req, res) => {
    const { entityRef, entity } = await readableEntityOf(req, 'rollouts');
    const { workloadSelector } = readDeliveryDescriptor(entity);
    res.json(
      rolloutsFor(cache, config, entityRef, workloadSelector, Date.now()),
    );
  });

  router.get('/dr', async (req, res) => {
    const { entity } = await readableEntityOf(req, 'DR readiness');
    res.json(await dr.answer(entity));
  });

  router.get('/dora', async (req, res) => {
    const { entity } = await readableEntityOf(req, 'DORA metrics');
    res.json(await dora.answer(entity));
  });

  router.get('/dora/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await dora.summary(credentials));
  });

  router.get('/freezes', async (req, res) => {
    const { entity } = await readableEntityOf(req, 'freeze windows');
    res.json(freezesFor(config, entity, new Date()));
  });

  router.get('/cost', async (req, res) => {
    const { entity } = await readableEntityOf(req, 'cost');
    res.json(await cost.answer(entity));
  });

  // Prices are the same for every service: the golden-path form asks before one exists.
  router.get('/cost/prices', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(cost.prices());
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const answer = await overview.overviewAnswer(credentials);
    // Pre-encoded: the compression middleware leaves a response alone once it carries a
    // Content-Encoding, and express answers 304 itself when If-None-Match matches the ETag.
    res.type('application/json');
    res.set({
      ETag: answer.etag,
      Vary: 'Accept-Encoding',
      'Cache-Control': 'no-cache',
    });
    // The contract types the body as the document; this one is sent already encoded.
    const send = res as express.Response;
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      send.set('Content-Encoding', 'gzip').send(answer.gzip);
    } else {
      send.send(answer.identity);
    }
  });

  // What changed since the caller's cursor; the contract has already refused a missing one.
  router.get('/overview/changes', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.set('Cache-Control', 'no-store');
    res.json(await overview.changesSince(credentials, req.query.cursor));
  });

  return router;
}
