import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deliveryEntityReadPermission } from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { normalizeRef, parseInput } from '../validation';
import { CostService } from './CostService';

/** Where the deploy and scale actions hold their cost against the budget. */
export const BUDGET_CHECK_PATH = '/cost/budget-check';

const body = z
  .object({
    entityRef: z.string().min(1),
    environment: z.string().min(1).max(63),
    action: z.string().min(1).max(63),
    changes: z
      .array(
        z
          .object({
            cluster: z.string().min(1).max(253),
            cpuMillicores: z.number().min(0),
            memoryBytes: z.number().min(0),
            replicas: z.number().int().min(-10_000).max(10_000),
            hours: z
              .number()
              .min(0)
              .max(24 * 366)
              .optional(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

/**
 * `POST /cost/budget-check`: an action's pods priced and held against the month's budget.
 * Asking reveals what `GET /cost` does, so it takes the same read permission; the answer
 * changes nothing. Whether the caller may go over the budget is the action's question
 * (`delivery.budget.override`), asked for the person who started it.
 */
export function createBudgetCheckRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  config: DeliveryConfig;
  cost: CostService;
}): express.Router {
  const { httpAuth, permissions, catalog, config, cost } = options;
  const router = Router();
  router.use(express.json());
  router.post(BUDGET_CHECK_PATH, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const input = parseInput(body, req.body);
    const entityRef = normalizeRef(input.entityRef, 'entityRef');
    if (!config.environments.some(e => e.name === input.environment))
      throw new InputError(
        `environment: ${input.environment} is not one of delivery.environments`,
      );
    const [decision] = await permissions.authorize(
      [{ permission: deliveryEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(`You may not read the cost of ${entityRef}`);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
    res.json(await cost.checkBudget(entity, input));
  });
  return router;
}
