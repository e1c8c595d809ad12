import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  assessBudget,
  BudgetAssessment,
  DailySpend,
  forecastMonth,
  OverviewCost,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import { dayOf } from '../snapshots/DailySnapshotTable';
import { BudgetMonths } from './BudgetMonths';
import { ownerTeamOf } from './budgetOf';
import { CostEstimator } from './CostEstimator';
import { MonthSpendMemo } from './MonthSpendMemo';
import { totalRunRate } from './runRate';

/**
 * Every service's monthly run rate and budget status for the overview: from the cache, the
 * measurements already read (never waiting on the cost source) and the month's snapshots.
 */
export class OverviewCosts {
  constructor(
    private readonly deps: {
      estimator: CostEstimator;
      budgets: BudgetMonths;
      monthSpend: MonthSpendMemo;
      logger: LoggerService;
    },
  ) {}

  /** Grows with every new measurement from the cost source, so the overview rebuilds. */
  get measurementsVersion(): number {
    return this.deps.estimator.measurementsVersion;
  }

  /**
   * Every given service's run rate and budget status. When the snapshots cannot be read,
   * the run rates still show and the statuses do not.
   */
  async overviewCosts(
    entities: Entity[],
    now = Date.now(),
  ): Promise<Map<string, OverviewCost>> {
    const assessed = await this.budgetAssessments(entities, now);
    const result = new Map<string, OverviewCost>();
    for (const [entityRef, { monthlyUsd, assessment }] of assessed) {
      result.set(entityRef, { monthlyUsd, budgetStatus: assessment?.status });
    }
    return result;
  }

  /**
   * Every given service's run rate and, when it has a budget and the snapshots could be
   * read, that budget held against the month's forecast (a team budget against the month
   * of all the team's services among `entities`).
   */
  async budgetAssessments(
    entities: Entity[],
    now = Date.now(),
  ): Promise<
    Map<string, { monthlyUsd: number; assessment?: BudgetAssessment }>
  > {
    const { estimator, budgets, logger } = this.deps;
    const measured = estimator.peekMeasured();
    const today = dayOf(now);
    let spend: Map<string, DailySpend[]> | undefined;
    try {
      spend = await this.deps.monthSpend.get(today, now);
    } catch (error) {
      logger.warn(
        `Cost of the overview: the snapshots could not be read, so budget statuses are left out: ${
          (error as Error).message
        }`,
      );
    }

    const rows = entities.flatMap(entity => {
      const descriptor = readDeliveryDescriptor(entity);
      try {
        const runRate = totalRunRate(estimator.runRates(descriptor, measured));
        const entityRef = stringifyEntityRef(entity);
        return [{ entity, entityRef, descriptor, runRate }];
      } catch (error) {
        logger.warn(
          `Cost of ${stringifyEntityRef(entity)} could not be estimated: ${
            (error as Error).message
          }`,
        );
        return [];
      }
    });

    // A team's month: all its services' run rates and snapshots together.
    const teams = new Map<string, { runRate: number; daily: DailySpend[] }>();
    for (const row of budgets.anyTeamBudget ? rows : []) {
      const owner = ownerTeamOf(row.entity);
      if (!owner || !budgets.hasTeamBudget(owner)) continue;
      const team = teams.get(owner) ?? { runRate: 0, daily: [] };
      team.runRate += row.runRate;
      team.daily.push(...(spend?.get(row.entityRef) ?? []));
      teams.set(owner, team);
    }

    const result = new Map<
      string,
      { monthlyUsd: number; assessment?: BudgetAssessment }
    >();
    for (const { entity, entityRef, descriptor, runRate } of rows) {
      const budget = budgets.budgetOf(entity, descriptor);
      const month =
        budget?.scope === 'team'
          ? teams.get(budget.owner)!
          : { runRate, daily: spend?.get(entityRef) ?? [] };
      result.set(entityRef, {
        monthlyUsd: runRate,
        assessment:
          budget && spend
            ? assessBudget(
                budget,
                forecastMonth({
                  now: new Date(now),
                  daily: month.daily,
                  runRateMonthlyUsd: Math.round(month.runRate * 100) / 100,
                }),
              )
            : undefined,
      });
    }
    return result;
  }
}
