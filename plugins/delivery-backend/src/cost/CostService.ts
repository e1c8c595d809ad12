import { Entity } from '@backstage/catalog-model';
import {
  BudgetCheckAnswer,
  BudgetCheckRequest,
  CostAnswer,
  CostPricesAnswer,
} from '@internal/backstage-plugin-delivery-common';
import { BudgetChecks } from './BudgetChecks';
import { ServiceCostAnswers } from './ServiceCostAnswers';

/**
 * What the cost routes ask, in one object because the routers take one: each call goes
 * straight to the part that does the job (one service's answer, a budget check, the
 * prices). The overview and the daily snapshot use their parts directly.
 */
export class CostService {
  constructor(
    private readonly parts: {
      answers: ServiceCostAnswers;
      budgetChecks: BudgetChecks;
      /** Asked on every call: a source may change its prices while running. */
      prices: () => CostPricesAnswer;
    },
  ) {}

  /** `GET /cost`: see {@link ServiceCostAnswers.answer}. */
  answer(entity: Entity, now?: number): Promise<CostAnswer> {
    return this.parts.answers.answer(entity, now);
  }

  /** `POST /cost/budget-check`: see {@link BudgetChecks.checkBudget}. */
  checkBudget(
    entity: Entity,
    request: Pick<BudgetCheckRequest, 'environment' | 'action' | 'changes'>,
    now?: number,
  ): Promise<BudgetCheckAnswer> {
    return this.parts.budgetChecks.checkBudget(entity, request, now);
  }

  /** `GET /cost/prices`: see `costPrices`. */
  prices(): CostPricesAnswer {
    return this.parts.prices();
  }
}
