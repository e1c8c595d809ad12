/**
 * The contract between the Delivery backend and whatever knows what a cluster's capacity
 * costs. Every source prices the formula (requests x replicas x prices, in
 * delivery-common's `monthlyCost`); a source that measures spend (OpenCost) also answers
 * what each service actually cost, so the Cost card can show both side by side.
 */

import type {
  CostBreakdown,
  PurchaseOption,
  ResourcePrices,
} from '@internal/backstage-plugin-delivery-common';
import type { ClusterConnection } from '../clusters/ClusterConnection';

/** The prices of one cluster, and how its capacity is bought unless a workload says otherwise. @public */
export interface ClusterPrices extends ResourcePrices {
  purchase: PurchaseOption;
}

/**
 * What one service spent in one cluster, scaled to a month (US dollars, rounded to cents).
 * `total` is the source's own total, which may count more than the three parts (OpenCost
 * adds GPUs, network and load balancers).
 * @public
 */
export interface MeasuredCost extends CostBreakdown {
  /** The span the measurement covers (ISO), which the monthly figures are scaled from. */
  window: { start: string; end: string };
}

/**
 * A cost source. `pricesFor` is synchronous and cheap: the formula runs on every estimate
 * (the golden-path form recomputes on each keystroke). `allocations` is a cached read: a
 * source queries its backend at most once per cluster and refresh interval, however many
 * pages ask.
 * @public
 */
export interface CostSource {
  /** Short id, as `delivery.cost.source` names it: `configured`, `opencost`. */
  readonly id: string;
  /** The cluster's prices; undefined when this source has none for it. */
  pricesFor(cluster: ClusterConnection): ClusterPrices | undefined;
  /**
   * Measured monthly spend per service id (the value of the service label) in one cluster,
   * over `window` (the source's configured window when omitted). Undefined when the cluster
   * is not measured or the measurement failed (logged by the source): absent, never zero.
   */
  allocations?(
    cluster: ClusterConnection,
    window?: string,
  ): Promise<Map<string, MeasuredCost> | undefined>;
}
