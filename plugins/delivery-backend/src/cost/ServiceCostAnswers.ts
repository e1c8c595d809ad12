import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CostAnswer,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { dayOf } from '../snapshots/DailySnapshotTable';
import { UsageStore } from '../usage/UsageStore';
import { BudgetMonths } from './BudgetMonths';
import { CostEstimator } from './CostEstimator';
import { CostSnapshotStore } from './CostSnapshotStore';
import { rightSizingOf } from './rightSizing/rightSizingOf';
import type { RightSizingPolicy } from './rightSizing/rightSizingTypes';
import { runRatesOf, totalRunRate, totalsOf } from './runRate';

/**
 * One service's Cost card (`GET /cost`): the estimate per cluster from the cache with the
 * measured spend beside it, the sums, the budget against the month, the trend and, where
 * usage is observed, right-sizing.
 */
export class ServiceCostAnswers {
  private readonly productionEnvironments: ReadonlySet<string>;

  constructor(
    private readonly deps: {
      config: DeliveryConfig;
      estimator: CostEstimator;
      budgets: BudgetMonths;
      snapshots: CostSnapshotStore;
      /** Observed usage for right-sizing; absent when no cluster is sampled. */
      usage?: UsageStore;
      rightSizingPolicy?: Partial<RightSizingPolicy>;
    },
  ) {
    this.productionEnvironments = new Set(
      deps.config.environments.filter(e => e.production).map(e => e.name),
    );
  }

  /** `GET /cost`: one service's lines, totals, budget and trend. */
  async answer(entity: Entity, now = Date.now()): Promise<CostAnswer> {
    const { estimator, budgets, snapshots, usage } = this.deps;
    const entityRef = stringifyEntityRef(entity);
    const descriptor = readDeliveryDescriptor(entity);
    const measured = await estimator.readMeasured();
    const lines = estimator.lines(descriptor, measured);
    const budget = budgets.budgetOf(entity, descriptor);
    const today = dayOf(now);
    const [trend, assessment] = await Promise.all([
      snapshots.trend(entityRef, today),
      budget &&
        budgets.monthOf(
          budget,
          entity,
          totalRunRate(runRatesOf(lines)),
          measured,
          now,
          today,
        ),
    ]);
    const rightSizing =
      usage &&
      rightSizingOf({
        entity,
        descriptor,
        clusters: estimator.pricedClusters(descriptor),
        usage,
        productionEnvironments: this.productionEnvironments,
        policy: this.deps.rightSizingPolicy,
      });
    return {
      entityRef,
      source: estimator.sourceId,
      ...totalsOf(lines),
      clusters: lines,
      budget: assessment?.assessment,
      trend,
      rightSizing,
      generatedAt: new Date(now).toISOString(),
    };
  }
}
