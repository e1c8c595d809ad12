import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { listDeliveryEntities } from '../catalog/deliveryEntities';
import { OverviewCosts } from '../cost/OverviewCosts';
import { AssessedBudget, DeliveryNotifications } from './DeliveryNotifications';

/**
 * One cost tick's budget notifications: every service's month held against its budget, as
 * the overview shows it, and those over it notified (once per budget and month, however
 * many ticks see it). A failure is logged; the cost snapshot it follows stands.
 */
export async function notifyOverBudget(options: {
  catalog: CatalogService;
  auth: AuthService;
  costs: OverviewCosts;
  notifications: DeliveryNotifications;
  logger: LoggerService;
  now?: number;
}): Promise<void> {
  const { notifications, logger } = options;
  if (!notifications.wants('costOverBudget')) return;
  try {
    const entities = await listDeliveryEntities(options.catalog, options.auth);
    const assessed = await options.costs.budgetAssessments(
      entities,
      options.now,
    );
    const over: AssessedBudget[] = entities.flatMap(entity => {
      const assessment = assessed.get(stringifyEntityRef(entity))?.assessment;
      return assessment && assessment.status !== 'under'
        ? [{ entity, assessment }]
        : [];
    });
    await notifications.budgetsAssessed(over);
  } catch (error) {
    logger.warn(
      `Delivery budget notifications of this cost tick failed: ${
        (error as Error).message
      }`,
    );
  }
}
