import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeliveryHealth,
  deliveryEntityReadPermission,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { normalizeRef, parseInput } from './validation';
import { ClusterCache } from './cache/ClusterCache';
import { CostService } from './cost/CostService';
import { DrReadinessService } from './dr/DrReadinessService';
import { OverviewService } from './overview/OverviewService';
import { rolloutsFor } from './rollouts/rolloutsFor';
import { RunStore } from './runs/RunStore';

const entityRefParam = z.string().min(1, 'entityRef is required');
const runsQuery = z.object({
  entityRef: entityRefParam,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const rolloutsQuery = z.object({ entityRef: entityRefParam });
const drQuery = z.object({ entityRef: entityRefParam });
const costQuery = z.object({ entityRef: entityRefParam });
const startRunBody = z
  .object({
    id: z.string().uuid().optional(),
    entityRef: entityRefParam,
    environment: z.string().min(1).max(63),
    action: z.string().min(1).max(63),
    initiatedBy: z.string().min(1).max(255),
    taskId: z.string().max(64).optional(),
    inputs: z.record(z.unknown()),
    before: z.unknown().optional(),
    extraLocks: z
      .array(
        z
          .object({ entityRef: entityRefParam, environment: z.string().min(1) })
          .strict(),
      )
      .max(4)
      .optional(),
  })
  .strict();
const finishRunBody = z
  .object({
    status: z.enum(['succeeded', 'failed', 'aborted', 'paused']),
    summary: z.string().max(2000),
    after: z.unknown().optional(),
  })
  .strict();

/** The Delivery REST API; it validates input and delegates to the plugin's services. */
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
}): Promise<express.Router> {
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
  } = options;
  const router = Router();
  router.use(express.json());

  const authorizeRead = async (
    credentials: BackstageCredentials,
    entityRef: string,
    what: string,
  ) => {
    const [decision] = await permissions.authorize(
      [{ permission: deliveryEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to read ${what} of ${entityRef}`);
    }
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
    const query = parseInput(runsQuery, req.query);
    const entityRef = normalizeRef(query.entityRef, 'entityRef');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeRead(credentials, entityRef, 'delivery runs');
    res.json({
      items: await runStore.listRuns({ entityRef, limit: query.limit }),
    });
  });

  // Runs are recorded by the Delivery scaffolder actions, as a service; users read them.
  router.post('/runs', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const body = parseInput(startRunBody, req.body);
    const run = await runStore.startRun({
      ...body,
      entityRef: normalizeRef(body.entityRef, 'entityRef'),
      extraLocks: body.extraLocks?.map(lock => ({
        ...lock,
        entityRef: normalizeRef(lock.entityRef, 'extraLocks.entityRef'),
      })),
    });
    res.status(201).json(run);
  });

  router.post('/runs/:id/finish', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    await runStore.finishRun(
      req.params.id,
      parseInput(finishRunBody, req.body),
    );
    res.status(204).end();
  });

  router.get('/rollouts', async (req, res) => {
    const entityRef = normalizeRef(
      parseInput(rolloutsQuery, req.query).entityRef,
      'entityRef',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeRead(credentials, entityRef, 'rollouts');
    // Read as the caller, so an entity they cannot see is simply not found.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
    const { workloadSelector } = readDeliveryDescriptor(entity);
    res.json(
      rolloutsFor(cache, config, entityRef, workloadSelector, Date.now()),
    );
  });

  router.get('/dr', async (req, res) => {
    const entityRef = normalizeRef(
      parseInput(drQuery, req.query).entityRef,
      'entityRef',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeRead(credentials, entityRef, 'DR readiness');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
    res.json(await dr.answer(entity));
  });

  router.get('/cost', async (req, res) => {
    const entityRef = normalizeRef(
      parseInput(costQuery, req.query).entityRef,
      'entityRef',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeRead(credentials, entityRef, 'cost');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
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
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.set('Content-Encoding', 'gzip').send(answer.gzip);
    } else {
      res.send(answer.identity);
    }
  });

  return router;
}
