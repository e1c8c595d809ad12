import type { ClusterPrices } from './CostSource';

/**
 * The prices used when `delivery.cost.prices` sets none: AWS's public list prices in
 * us-east-1 (N. Virginia), as published in March 2026. Configure your own (contract rates,
 * other regions) in `delivery.cost.prices`; these only make an unconfigured portal show
 * plausible orders of magnitude.
 *
 * - vCPU-hour and GiB-hour: AWS Fargate, Linux/x86, on-demand ($0.04048 per vCPU-hour,
 *   $0.004445 per GB-hour, memory sold in GiB steps). Fargate is the one AWS compute
 *   offer priced per vCPU and per GB, and it bills a pod's requests, which is what the
 *   formula multiplies. Capacity on EC2 nodes costs less per unit when the nodes are full.
 * - storageGibMonth: EBS gp3, $0.08 per GB-month.
 * - discounts: the most AWS advertises for Fargate: Fargate Spot "up to 70 %" off, Compute
 *   Savings Plans "up to 52 %" (a 3-year commitment); a 1-year plan saves less.
 * @public
 */
export const DEFAULT_PRICES: ClusterPrices = {
  vcpuHour: 0.04048,
  gibHour: 0.004445,
  storageGibMonth: 0.08,
  discounts: { spot: 0.7, reserved: 0.52 },
  purchase: 'on-demand',
};
