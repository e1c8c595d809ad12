import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeliveryHealth,
  deliveryEntityReadPermission,
} from '@internal/backstage-plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { RunStore } from './runs/RunStore';

const runsQuery = z.object({
  entityRef: z.string().min(1, 'entityRef is required'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The Delivery REST API; it validates input and delegates to the plugin's services. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  config: DeliveryConfig;
  runStore: RunStore;
}): Promise<express.Router> {
  const { httpAuth, permissions, config, runStore } = options;
  const router = Router();
  router.use(express.json());

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
    const parsed = runsQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${issue.path.join('.')}: ${issue.message}`);
    }
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(parseEntityRef(parsed.data.entityRef));
    } catch (error) {
      throw new InputError(`entityRef: ${(error as Error).message}`);
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: deliveryEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read delivery runs of ${entityRef}`,
      );
    }
    res.json({
      items: await runStore.listRuns({ entityRef, limit: parsed.data.limit }),
    });
  });

  return router;
}
