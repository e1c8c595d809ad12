import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { normalizeRef } from '../validation';
import { readAuthorizedEntity } from '../permissions/readAuthorizedEntity';
import { createTypedRouter, DeliveryApiRouter } from '../schema/typedRouter';
import { CostService } from './CostService';

/**
 * `POST /cost/budget-check`: an action's pods priced and held against the month's budget.
 * Asking reveals what `GET /cost` does, so it takes the same read permission; the answer
 * changes nothing. Whether the caller may go over the budget is the action's question
 * (`delivery.budget.override`), asked for the person who started it. The body arrives
 * checked against the contract (see `createRouter`).
 */
export function createBudgetCheckRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  config: DeliveryConfig;
  cost: CostService;
}): DeliveryApiRouter {
  const { httpAuth, permissions, catalog, config, cost } = options;
  const router = createTypedRouter();
  router.post('/cost/budget-check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const input = req.body;
    const entityRef = normalizeRef(input.entityRef, 'entityRef');
    if (!config.environments.some(e => e.name === input.environment))
      throw new InputError(
        `environment: ${input.environment} is not one of delivery.environments`,
      );
    const entity = await readAuthorizedEntity(
      { permissions, catalog },
      {
        credentials,
        entityRef,
        refusal: `You may not read the cost of ${entityRef}`,
      },
    );
    res.json(await cost.checkBudget(entity, input));
  });
  return router;
}
