import {
  CostInputError,
  requireAmount,
} from '@internal/backstage-plugin-delivery-common';
import type { RightSizingPolicy } from './rightSizingTypes';

/**
 * Defaults, and why:
 * - 20 % headroom over p95 CPU and over the memory peak: the seed documents put right-sizing
 *   savings at 20-30 %, which is what trimming to usage plus a fifth leaves on the table.
 * - 85 % CPU target ceiling: above it a pod has no room for the burst that happens while the
 *   HPA waits for its next sync and the new pods start.
 * - 100 samples: p95 then rests on five observations above it, not on one outlier.
 * - 24 h window: a day covers the daily peak; less measures whatever hour it was.
 * - $5 or 10 %: smaller changes are noise against a deploy's risk.
 * - Steady: replica count within a quarter of its peak and p95 CPU within 1.5x the median.
 * - 7 days before suggesting reserved capacity, a commitment of one to three years.
 * @public
 */
export const DEFAULT_RIGHT_SIZING_POLICY: Readonly<RightSizingPolicy> = {
  cpuHeadroom: 1.2,
  memoryHeadroom: 1.2,
  minCpuMillicores: 10,
  maxCpuTargetPercent: 85,
  minSamples: 100,
  minWindowHours: 24,
  minSavingUsd: 5,
  minSavingFraction: 0.1,
  steadyReplicaSpread: 0.25,
  steadyCpuPeakRatio: 1.5,
  minReservedWindowHours: 7 * 24,
};

/** The defaults with the caller's overrides, each checked. */
export function resolvePolicy(
  overrides: Partial<RightSizingPolicy> = {},
): RightSizingPolicy {
  const policy = { ...DEFAULT_RIGHT_SIZING_POLICY, ...overrides };
  for (const [key, value] of Object.entries(policy)) {
    requireAmount(value, `policy.${key}`);
  }
  for (const key of ['cpuHeadroom', 'memoryHeadroom'] as const) {
    if (policy[key] < 1) {
      throw new CostInputError(
        `policy.${key}`,
        `${policy[key]} would recommend less than the usage; use 1 or more`,
      );
    }
  }
  if (policy.maxCpuTargetPercent <= 0 || policy.maxCpuTargetPercent > 100) {
    throw new CostInputError(
      'policy.maxCpuTargetPercent',
      `${policy.maxCpuTargetPercent} is not a utilisation target; use 1 to 100`,
    );
  }
  return policy;
}
