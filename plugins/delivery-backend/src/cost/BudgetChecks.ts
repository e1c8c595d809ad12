import { InputError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import {
  BudgetCheckAnswer,
  BudgetCheckRequest,
  checkActionAgainstBudget,
  costOfChanges,
  readDeliveryDescriptor,
  unbudgetedAction,
} from '@internal/backstage-plugin-delivery-common';
import { dayOf } from '../snapshots/DailySnapshotTable';
import { BudgetMonths } from './BudgetMonths';
import { CostEstimator } from './CostEstimator';
import { runRatesOf, totalRunRate } from './runRate';

/**
 * `POST /cost/budget-check`: what a deploy's or a scale action's pods cost at the prices of
 * their clusters, held against the service's or its team's month. The deploy and scale
 * actions ask before they change anything; over the budget they need the platform team.
 */
export class BudgetChecks {
  constructor(
    private readonly deps: {
      estimator: CostEstimator;
      budgets: BudgetMonths;
    },
  ) {}

  async checkBudget(
    entity: Entity,
    request: Pick<BudgetCheckRequest, 'environment' | 'action' | 'changes'>,
    now = Date.now(),
  ): Promise<BudgetCheckAnswer> {
    const { estimator, budgets } = this.deps;
    const descriptor = readDeliveryDescriptor(entity);
    const budget = budgets.budgetOf(entity, descriptor);
    if (!budget) return unbudgetedAction(request.action);
    const reached = estimator.clusters.filter(
      c => c.environment === request.environment,
    );
    request.changes.forEach(({ cluster }, index) => {
      if (!reached.some(c => c.name === cluster))
        throw new InputError(
          `changes[${index}].cluster: ${cluster} is not a cluster of ${
            request.environment
          } that Delivery reaches (${reached.map(c => c.name).join(', ')})`,
        );
    });
    const cost = costOfChanges(request.changes, cluster => {
      const connection = reached.find(c => c.name === cluster);
      return connection && estimator.pricesFor(connection);
    });
    const measured = await estimator.readMeasured();
    const runRate = totalRunRate(
      runRatesOf(estimator.lines(descriptor, measured)),
    );
    return checkActionAgainstBudget({
      action: request.action,
      cost,
      budget: await budgets.monthOf(
        budget,
        entity,
        runRate,
        measured,
        now,
        dayOf(now),
      ),
    });
  }
}
