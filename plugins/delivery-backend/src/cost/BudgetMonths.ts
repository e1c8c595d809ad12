import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assessBudget,
  BudgetAssessment,
  DeliveryDescriptor,
  forecastMonth,
  MonthForecast,
  MonthlyBudget,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import { listDeliveryEntities } from '../catalog/deliveryEntities';
import { budgetOf, ownerTeamOf } from './budgetOf';
import { CostEstimator, MeasuredByCluster } from './CostEstimator';
import { CostSnapshotStore } from './CostSnapshotStore';
import { totalRunRate } from './runRate';

/** A budget, the month's forecast and the two held together. */
export interface BudgetMonth {
  budget: MonthlyBudget;
  forecast: MonthForecast;
  assessment: BudgetAssessment;
}

/**
 * The budget a service is held against and the month it is held against: what the Cost
 * card's budget and the deploy and scale actions' budget check both read.
 */
export class BudgetMonths {
  private readonly teamBudgets: Readonly<Record<string, number>>;

  constructor(
    private readonly deps: {
      estimator: CostEstimator;
      /** Monthly budget by group ref, from `delivery.cost.teamBudgets`. */
      teamBudgets: ReadonlyMap<string, number>;
      snapshots: CostSnapshotStore;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {
    this.teamBudgets = Object.fromEntries(deps.teamBudgets);
  }

  /** The service's own budget, else its owner team's; undefined when neither has one. */
  budgetOf(
    entity: Entity,
    descriptor: DeliveryDescriptor,
  ): MonthlyBudget | undefined {
    return budgetOf(entity, descriptor, this.teamBudgets);
  }

  /** Whether `delivery.cost.teamBudgets` sets any budget at all. */
  get anyTeamBudget(): boolean {
    return Object.keys(this.teamBudgets).length > 0;
  }

  /** Whether a team (a group ref as `ownerTeamOf` gives it) has a budget in config. */
  hasTeamBudget(team: string): boolean {
    return Object.hasOwn(this.teamBudgets, team);
  }

  /**
   * A service budget against the service's month; a team budget against the month of every
   * service the team owns (as the plugin sees the catalog), this one included.
   */
  async monthOf(
    budget: MonthlyBudget,
    entity: Entity,
    runRate: number,
    measured: MeasuredByCluster,
    now: number,
    today: string,
  ): Promise<BudgetMonth> {
    const { snapshots, estimator } = this.deps;
    const entityRef = stringifyEntityRef(entity);
    const held = (forecast: MonthForecast): BudgetMonth => ({
      budget,
      forecast,
      assessment: assessBudget(budget, forecast),
    });
    if (budget.scope === 'service') {
      const spend = await snapshots.monthSpend(today, [entityRef]);
      return held(
        forecastMonth({
          now: new Date(now),
          daily: spend.get(entityRef) ?? [],
          runRateMonthlyUsd: runRate,
        }),
      );
    }
    const others = (
      await listDeliveryEntities(this.deps.catalog, this.deps.auth)
    ).filter(
      e =>
        ownerTeamOf(e) === budget.owner && stringifyEntityRef(e) !== entityRef,
    );
    const refs = [entityRef, ...others.map(e => stringifyEntityRef(e))];
    const spend = await snapshots.monthSpend(today, refs);
    const teamRunRate = others.reduce(
      (total, e) =>
        total +
        totalRunRate(estimator.runRates(readDeliveryDescriptor(e), measured)),
      runRate,
    );
    return held(
      forecastMonth({
        now: new Date(now),
        daily: [...spend.values()].flat(),
        runRateMonthlyUsd: Math.round(teamRunRate * 100) / 100,
      }),
    );
  }
}
