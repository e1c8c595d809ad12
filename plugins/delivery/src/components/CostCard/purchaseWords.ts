import {
  discountOf,
  PurchaseOption,
  ResourcePrices,
} from '@internal/backstage-plugin-delivery-common';
import { formatFraction } from './money';

/** How a person says each option: `on demand`, `spot`, `reserved`. */
export const PURCHASE_WORDS: Record<PurchaseOption, string> = {
  'on-demand': 'on demand',
  spot: 'spot',
  reserved: 'reserved',
};

/** `reserved, 40 % off` — the option with the discount it gets at these prices. */
export function purchaseWords(
  purchase: PurchaseOption,
  prices: ResourcePrices,
): string {
  const discount = discountOf(prices, purchase);
  return discount > 0
    ? `${PURCHASE_WORDS[purchase]}, ${formatFraction(discount)} off`
    : PURCHASE_WORDS[purchase];
}
