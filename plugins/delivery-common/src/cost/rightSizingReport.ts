/**
 * What right-sizing concludes for a service, as the Cost answer carries it and the Cost card
 * shows it. The backend works it out from the usage it observes.
 */
import type { CostBreakdown, PurchaseOption } from './model';

/** What right-sizing concluded for one Deployment. @public */
export type RightSizingStatus =
  | 'recommend'
  | 'right-sized'
  | 'insufficient-data'
  | 'refused';

/** Requests of one pod and the HPA targets that go with them. @public */
export interface RightSizingSettings {
  cpuMillicores: number;
  memoryBytes: number;
  /** HPA averageUtilization targets, %; absent without an HPA or without that metric. */
  cpuTargetPercent?: number;
  memoryTargetPercent?: number;
}

/** Replicas the HPA runs at median and at p95 load (the fixed count without an HPA). @public */
export interface ExpectedReplicas {
  p50: number;
  p95: number;
}

/** A change that was worked out and turned down, with the numbers that turned it down. @public */
export interface RefusedChange {
  settings: RightSizingSettings;
  /** Replicas the HPA would want at p95 load, before its maximum caps them. */
  desiredAtP95: number;
  maxReplicas: number;
  monthlySaving: number;
}

/** One Deployment's result. @public */
export interface RightSizingResult {
  cluster?: string;
  namespace: string;
  name: string;
  status: RightSizingStatus;
  current: RightSizingSettings;
  /** Equal to `current` unless the status is `recommend`. */
  recommended: RightSizingSettings;
  /** Absent with `insufficient-data`. */
  replicas?: { before: ExpectedReplicas; after: ExpectedReplicas };
  /** Priced at the median-load replica counts; absent with `insufficient-data`. */
  monthlyCost?: { before: CostBreakdown; after: CostBreakdown };
  /** Dollars a month; negative when a too-small request has to grow. 0 unless `recommend`. */
  monthlySaving: number;
  /** With `insufficient-data`: each missing piece, e.g. `samples: 42 of at least 100`. */
  missing?: string[];
  /** With `refused`: the change that was turned down. */
  refused?: RefusedChange;
  /** Sentences with the numbers, for the Cost card. */
  explanation: string[];
}

/** A cheaper (or, for a critical service on spot, safer) way to buy the capacity. @public */
export interface PurchaseSuggestion {
  cluster?: string;
  namespace: string;
  name: string;
  from: PurchaseOption;
  to: PurchaseOption;
  monthlyCostBefore: number;
  monthlyCostAfter: number;
  /** Negative when the move costs more (a critical production service leaving spot). */
  monthlySaving: number;
  reason: string;
}

/** Right-sizing of a service's Deployments: `CostAnswer.rightSizing`. @public */
export interface RightSizingReport {
  deployments: RightSizingResult[];
  purchases: PurchaseSuggestion[];
  /** Recommended right-sizing savings plus purchase savings, dollars a month. */
  totalMonthlySaving: number;
}
