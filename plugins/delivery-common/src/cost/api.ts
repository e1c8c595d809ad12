/** What the Delivery backend answers about cost. */

import type { BudgetAssessment, BudgetStatus } from './budget';
import type { EnvironmentCostEstimate } from './estimate';
import type { CostBreakdown, PurchaseOption, ResourcePrices } from './model';
import type { RightSizingReport } from './rightSizingReport';
import type { DeliveryApiSchemas } from '../deliveryApi';

/** A service's cost in one cluster of one environment. @public */
export interface CostClusterLine {
  environment: string;
  cluster: string;
  role: 'primary' | 'dr';
  region?: string;
  /** The prices the estimate used and how the capacity is bought there. */
  prices: ResourcePrices;
  purchase: PurchaseOption;
  /** From the cluster cache: requests x replicas (current, HPA minimum, HPA maximum). */
  estimate: EnvironmentCostEstimate;
  /** What the cost source measured (OpenCost), scaled to a month; absent when not measured. */
  measured?: CostBreakdown & {
    source: string;
    window: { start: string; end: string };
  };
}

/** One day's cost from the daily snapshot. @public */
export interface CostTrendPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** The monthly run rate that day (estimate at current replicas, or measured when known). */
  monthlyUsd: number;
}

/** `GET /api/delivery/cost?entityRef=`. @public */
export interface CostAnswer {
  entityRef: string;
  /** The cost source that priced it (`configured`, `opencost`). */
  source: string;
  /** Sums over every cluster line. */
  monthly: { current: number; atMin: number; atMax: number };
  /** Measured total over the lines that have one; absent when none has. */
  measuredMonthly?: number;
  clusters: CostClusterLine[];
  /** Absent when neither the service nor its team has a budget. */
  budget?: BudgetAssessment;
  /** Daily snapshots, oldest first, at most 90. */
  trend: CostTrendPoint[];
  /**
   * Right-sizing of each Deployment from the usage observed over the window (metrics.k8s.io, or Prometheus where configured),
   * with purchase suggestions; absent when usage is not collected.
   */
  rightSizing?: RightSizingReport;
  generatedAt: string;
}

/** What the overview shows of a service's cost. @public */
export interface OverviewCost {
  /** Monthly run rate at current replicas, every environment. */
  monthlyUsd: number;
  budgetStatus?: BudgetStatus;
}

/**
 * `GET /api/delivery/cost/prices`: what the golden-path form's estimate prices with, as the
 * contract defines it.
 * @public
 */
export type CostPricesAnswer = DeliveryApiSchemas['CostPricesAnswer'];
