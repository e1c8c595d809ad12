/**
 * The budget gate of the deploy and scale actions: what an action's pods cost, and whether
 * they would take the month's forecast over the budget. Formula: docs/cost.md.
 */
import {
  BudgetAssessment,
  forecastWith,
  MonthForecast,
  MonthlyBudget,
  wouldExceed,
} from './budget';
import { CostInputError } from './errors';
import {
  HOURS_PER_MONTH,
  monthlyCost,
  PurchaseOption,
  ResourcePrices,
} from './model';
import { requireAmount } from './validate';
import type { DeliveryApiSchemas } from '../deliveryApi';

/**
 * Pods an action adds to (or removes from) one cluster: a scale action's change stays, a
 * deploy's overlap (the second colour, the canary, the surge) lasts a few hours at most.
 * Defined by the contract (`plugins/delivery-backend/src/schema/openapi.yaml`).
 * @public
 */
export type PodChange = DeliveryApiSchemas['PodChange'];

/** `POST /api/delivery/cost/budget-check`, as the contract defines it. @public */
export type BudgetCheckRequest = DeliveryApiSchemas['BudgetCheckRequest'];

/** What an action's pods cost. @public */
export interface ActionCost {
  /** The change of the monthly run rate (changes that stay). */
  monthlyUsd: number;
  /** The cost of the changes that end (a deploy's overlap), once. */
  oneOffUsd: number;
}

/**
 * The answer of the budget check. Without a budget (neither the service nor its team has
 * one) the action is not priced at all, so a cluster without prices holds nothing up.
 * @public
 */
export interface BudgetCheckAnswer extends Partial<ActionCost> {
  budget?: BudgetAssessment;
  /** The month's forecast if the action runs; absent without a budget. */
  forecastAfterUsd?: number;
  /** True when the action adds cost and the forecast after it is over the budget. */
  exceeds: boolean;
  /** One sentence a task log or an error can show. */
  explanation: string;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Prices the pods of an action at each cluster's prices (with the cluster's purchase
 * option). Throws a {@link CostInputError} naming the change's field when it is not a number,
 * or when its cluster has no prices.
 * @public
 */
export function costOfChanges(
  changes: readonly PodChange[],
  /** The cluster's prices and how its capacity is bought; undefined when it has none. */
  pricesOf: (
    cluster: string,
  ) => (ResourcePrices & { purchase?: PurchaseOption }) | undefined,
): ActionCost {
  let monthlyUsd = 0;
  let oneOffUsd = 0;
  changes.forEach((change, index) => {
    const field = (name: string) => `changes[${index}].${name}`;
    const priced = pricesOf(change.cluster);
    if (!priced)
      throw new CostInputError(
        field('cluster'),
        `${change.cluster} has no prices`,
      );
    if (!Number.isInteger(change.replicas))
      throw new CostInputError(
        field('replicas'),
        `${change.replicas} is not a whole number of pods`,
      );
    const pods = monthlyCost(
      {
        cpuMillicores: requireAmount(
          change.cpuMillicores,
          field('cpuMillicores'),
        ),
        memoryBytes: requireAmount(change.memoryBytes, field('memoryBytes')),
        replicas: Math.abs(change.replicas),
        purchase: priced.purchase,
      },
      priced,
    ).total;
    const monthly = Math.sign(change.replicas) * pods;
    if (change.hours === undefined) monthlyUsd += monthly;
    else
      oneOffUsd +=
        (monthly * requireAmount(change.hours, field('hours'))) /
        HOURS_PER_MONTH;
  });
  return { monthlyUsd: cents(monthlyUsd), oneOffUsd: cents(oneOffUsd) };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/** The answer for a service that neither it nor its team budgets. @public */
export function unbudgetedAction(action: string): BudgetCheckAnswer {
  return {
    exceeds: false,
    explanation: `this ${action} is held against no budget: neither the service nor its team has a monthly budget`,
  };
}

function describeCost(cost: ActionCost): string {
  const parts: string[] = [];
  if (cost.monthlyUsd !== 0)
    parts.push(
      `${cost.monthlyUsd > 0 ? 'adds' : 'saves'} ${usd(
        Math.abs(cost.monthlyUsd),
      )}/month`,
    );
  if (cost.oneOffUsd !== 0) parts.push(`costs ${usd(cost.oneOffUsd)} once`);
  // Pods for a few minutes can round to nothing: say so rather than "no cost".
  return parts.length ? parts.join(' and ') : 'costs less than a cent';
}

/**
 * Holds an action's cost against the budget with {@link wouldExceed}, and says so in one
 * sentence.
 * @public
 */
export function checkActionAgainstBudget(input: {
  action: string;
  budget: {
    budget: MonthlyBudget;
    forecast: MonthForecast;
    assessment: BudgetAssessment;
  };
  cost: ActionCost;
}): BudgetCheckAnswer {
  const { action, cost } = input;
  const what = `this ${action} ${describeCost(cost)}`;
  const { budget, forecast, assessment } = input.budget;
  const forecastAfterUsd = forecastWith(
    forecast,
    cost.monthlyUsd,
    cost.oneOffUsd,
  );
  const exceeds = wouldExceed(
    budget,
    forecast,
    cost.monthlyUsd,
    cost.oneOffUsd,
  );
  const whose =
    budget.scope === 'service'
      ? `the service's budget`
      : `the budget of ${budget.owner}`;
  return {
    ...cost,
    budget: assessment,
    forecastAfterUsd,
    exceeds,
    explanation: `${what}: the ${forecast.month} forecast would be ${usd(
      forecastAfterUsd,
    )} (now ${usd(forecast.forecastUsd)}) against ${whose} of ${usd(
      budget.amountUsd,
    )}`,
  };
}
