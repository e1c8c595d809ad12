/**
 * The cost model: what a workload costs a month from what it asks the scheduler for.
 * Pure, so the Cost card, the overview, the budgets and the golden-path form's estimate all
 * compute the same number from the same inputs (formula and a worked example: docs/cost.md).
 *
 *   monthly = replicas x (vCPU x price per vCPU-hour + GiB x price per GiB-hour)
 *             x 730 hours x (1 - discount of the purchase option)
 *           + storage GiB x price per GiB-month
 */

/** Hours in the average month (8,760 / 12), as cloud price lists count them. @public */
export const HOURS_PER_MONTH = 730;

/** How the capacity is bought. @public */
export type PurchaseOption = 'on-demand' | 'spot' | 'reserved';

/** Prices of one cluster or region, in US dollars. @public */
export interface ResourcePrices {
  vcpuHour: number;
  gibHour: number;
  /** Persistent storage, per GiB and month; 0 when not priced. */
  storageGibMonth: number;
  /** Fractions off the on-demand price, 0 to 1 (0.7 = 70 % off). */
  discounts: { spot: number; reserved: number };
}

/** One workload as the scheduler sees it. @public */
export interface WorkloadShape {
  /** Requests of one pod, all containers summed. */
  cpuMillicores: number;
  memoryBytes: number;
  replicas: number;
  purchase?: PurchaseOption;
  /** Persistent storage it claims, GiB; 0 or absent when none is known. */
  storageGib?: number;
}

/** A monthly cost split by what it pays for. @public */
export interface CostBreakdown {
  cpu: number;
  memory: number;
  storage: number;
  total: number;
}

const GIB = 2 ** 30;
const cents = (value: number) => Math.round(value * 100) / 100;

/** The discount a purchase option gets at these prices. @public */
export function discountOf(
  prices: ResourcePrices,
  purchase: PurchaseOption = 'on-demand',
): number {
  return purchase === 'on-demand' ? 0 : prices.discounts[purchase];
}

/** What a workload costs a month at these prices, rounded to cents. @public */
export function monthlyCost(
  shape: WorkloadShape,
  prices: ResourcePrices,
): CostBreakdown {
  const hours = HOURS_PER_MONTH * shape.replicas;
  const factor = 1 - discountOf(prices, shape.purchase);
  const cpu = (shape.cpuMillicores / 1000) * prices.vcpuHour * hours * factor;
  const memory = (shape.memoryBytes / GIB) * prices.gibHour * hours * factor;
  const storage = (shape.storageGib ?? 0) * prices.storageGibMonth;
  return {
    cpu: cents(cpu),
    memory: cents(memory),
    storage: cents(storage),
    total: cents(cpu + memory + storage),
  };
}

/** The sum of several breakdowns (a service's Deployments, a team's services). @public */
export function addCosts(costs: CostBreakdown[]): CostBreakdown {
  const sum = (key: keyof CostBreakdown) =>
    cents(costs.reduce((total, cost) => total + cost[key], 0));
  return {
    cpu: sum('cpu'),
    memory: sum('memory'),
    storage: sum('storage'),
    total: sum('total'),
  };
}
