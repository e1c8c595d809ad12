import { CostInputError } from './errors';
import type { PurchaseOption, ResourcePrices } from './model';

/** Checks shared by the estimate, the form helper and the forecast; each names its field. */

export function requireAmount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CostInputError(
      field,
      `${String(value)} is not an amount; it must be a number of at least 0`,
    );
  }
  return value;
}

export function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CostInputError(
      field,
      `${String(
        value,
      )} is not a replica count; it must be a whole number of at least 0`,
    );
  }
  return value;
}

const PURCHASE_OPTIONS: readonly PurchaseOption[] = [
  'on-demand',
  'spot',
  'reserved',
];

export function requirePurchase(
  value: unknown,
  field: string,
): PurchaseOption | undefined {
  if (value === undefined) return undefined;
  if (!PURCHASE_OPTIONS.includes(value as PurchaseOption)) {
    throw new CostInputError(
      field,
      `"${String(
        value,
      )}" is not a purchase option; use on-demand, spot or reserved`,
    );
  }
  return value as PurchaseOption;
}

/** A price list from config: every price an amount, every discount a fraction. */
export function requirePrices(
  prices: ResourcePrices,
  field = 'prices',
): ResourcePrices {
  requireAmount(prices.vcpuHour, `${field}.vcpuHour`);
  requireAmount(prices.gibHour, `${field}.gibHour`);
  requireAmount(prices.storageGibMonth, `${field}.storageGibMonth`);
  for (const option of ['spot', 'reserved'] as const) {
    const discount = prices.discounts?.[option];
    if (requireAmount(discount, `${field}.discounts.${option}`) > 1) {
      throw new CostInputError(
        `${field}.discounts.${option}`,
        `${discount} is not a fraction; write 0.7 for 70 % off`,
      );
    }
  }
  return prices;
}
