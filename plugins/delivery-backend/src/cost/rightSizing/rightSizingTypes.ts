/**
 * Plain data in and out of {@link recommendRightSizing}: what the backend collects for one
 * Deployment (its requests, its HPA, the usage observed over a window, who it serves and
 * what its capacity costs), and what the Cost card shows back (delivery-common's report
 * types, re-exported here so the engine reads its types from one place).
 */
import type {
  CompactHpa,
  PurchaseOption,
  ResourcePrices,
  Tier,
} from '@internal/backstage-plugin-delivery-common';

export type {
  ExpectedReplicas,
  PurchaseSuggestion,
  RefusedChange,
  RightSizingReport,
  RightSizingResult,
  RightSizingSettings,
  RightSizingStatus,
} from '@internal/backstage-plugin-delivery-common';

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

/** Input of {@link recommendRightSizing}. @public */
export interface RightSizingInput {
  workloads: RightSizingWorkload[];
  policy?: Partial<RightSizingPolicy>;
}
