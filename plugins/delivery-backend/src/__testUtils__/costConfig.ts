/**
 * `delivery.cost` for the cost tests: a price list per cluster of the seeded fleet, each
 * different, so a figure shows which cluster's prices it was computed with.
 *
 * One pod of a critical seeded service requests 500m CPU and 1Gi memory; a month is 730 h:
 * - staging (the default list, on demand): 0.5 x 0.04 x 730 = 14.60 CPU,
 *   1 x 0.005 x 730 = 3.65 memory, $18.25 a pod;
 * - production (vCPU 0.05, reserved at 40 % off): 10.95 CPU, 2.19 memory, $13.14 a pod;
 * - production-dr (region us-west-2, vCPU 0.045, on demand): 16.425 CPU, 3.65 memory,
 *   $20.075 a pod.
 */
export const TEST_COST_CONFIG = {
  prices: {
    default: {
      vcpuHour: 0.04,
      gibHour: 0.005,
      storageGibMonth: 0.1,
      discounts: { spot: 0.7, reserved: 0.4 },
    },
    regions: { 'us-west-2': { vcpuHour: 0.045 } },
    clusters: { production: { vcpuHour: 0.05, purchase: 'reserved' } },
  },
};

/** What the month's forecast is when no finished day has a snapshot: the run rate all month. */
export function wholeMonthAt(runRateMonthlyUsd: number, now = new Date()) {
  const days = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return Math.round(((runRateMonthlyUsd * 24) / 730) * days * 100) / 100;
}
