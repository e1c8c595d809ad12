/**
 * Plain data in and out of {@link recommendRightSizing}: what the backend collects for one
 * Deployment (its requests, its HPA, the usage observed over a window, who it serves and
 * what its capacity costs), and what the Cost card shows back.
 */
import type { CompactHpa } from '../rollout/types';
import type { Tier } from '../tiers';
import type { CostBreakdown, PurchaseOption, ResourcePrices } from './model';

/** One pod's usage at one collection (a metrics.k8s.io or Prometheus poll). @public */
export interface UsageSample {
  /**
   * When the collector polled, ISO 8601. Pods of the same poll share it, which is how the
   * Deployment's total load and its pod count at one instant are found.
   */
  at: string;
  pod: string;
  cpuMillicores: number;
  memoryBytes: number;
}

/** Raw per-pod samples over the window the collector queried. @public */
export interface UsageSamples {
  windowStart: string;
  windowEnd: string;
  samples: UsageSample[];
}

/** Usage over a window, reduced to what right-sizing reads. @public */
export interface UsageSummary {
  windowStart: string;
  windowEnd: string;
  /** Per-pod observations behind the percentiles. */
  sampleCount: number;
  /** Usage of one pod. */
  cpuMillicores: { p50: number; p95: number; max: number };
  memoryBytes: { p95: number; max: number };
  /**
   * The Deployment's summed usage at one instant, which is what its HPA divides among the
   * replicas. Absent: the per-pod percentile times the current replica count.
   */
  totalCpuMillicores?: { p50: number; p95: number };
  totalMemoryBytes?: { p95: number };
  /** Fewest and most pods seen at one instant. Absent: what the HPA model expects. */
  replicas?: { min: number; max: number };
}

/** One Deployment to right-size. @public */
export interface RightSizingWorkload {
  cluster?: string;
  namespace: string;
  name: string;
  /** Requests of one pod, all containers summed. */
  requests: { cpuMillicores: number; memoryBytes: number };
  /** Replicas now (spec.replicas). */
  replicas: number;
  /** Bounds and targets (averageUtilization, %) of the HPA that scales it, if any. */
  hpa?: Pick<CompactHpa, 'min' | 'max' | 'cpu' | 'memory'>;
  /** Absent when nothing was collected: the result is `insufficient-data`. */
  usage?: UsageSummary | UsageSamples;
  tier: Tier;
  /** What kind of workload: `service`, `worker`, `batch`... */
  type: string;
  environment: { name: string; production: boolean };
  prices: ResourcePrices;
  purchase: PurchaseOption;
  /** Persistent storage it claims, GiB; priced the same before and after. */
  storageGib?: number;
}

/** The thresholds right-sizing works with; every field has a default. @public */
export interface RightSizingPolicy {
  /** CPU request = p95 usage x this, without an HPA. */
  cpuHeadroom: number;
  /** Memory request = observed peak x this. */
  memoryHeadroom: number;
  /** No CPU request is recommended below this. */
  minCpuMillicores: number;
  /** No HPA CPU target is recommended above this (averageUtilization, %). */
  maxCpuTargetPercent: number;
  /** Fewer per-pod samples than this is not enough data. */
  minSamples: number;
  /** A shorter window than this is not enough data. */
  minWindowHours: number;
  /** A change saving less than this a month, in dollars... */
  minSavingUsd: number;
  /** ...or less than this fraction of the current cost, is not worth making. */
  minSavingFraction: number;
  /** Steady: (most - fewest replicas) / most is at most this. */
  steadyReplicaSpread: number;
  /** Steady: total CPU p95 is at most this times p50. */
  steadyCpuPeakRatio: number;
  /** Reserved capacity is a 1 to 3 year commitment: not on less data than this. */
  minReservedWindowHours: number;
}

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

/** Input of {@link recommendRightSizing}. @public */
export interface RightSizingInput {
  workloads: RightSizingWorkload[];
  policy?: Partial<RightSizingPolicy>;
}

/** Output of {@link recommendRightSizing}. @public */
export interface RightSizingReport {
  deployments: RightSizingResult[];
  purchases: PurchaseSuggestion[];
  /** Recommended right-sizing savings plus purchase savings, dollars a month. */
  totalMonthlySaving: number;
}
