/**
 * Amounts in the words of the Cost card and the overview: US dollars, as the cost model
 * computes them (docs/cost.md). Cents where a figure is read against another (the card),
 * whole dollars where the space is a narrow table column.
 */
const CENTS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
});

const WHOLE = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

/** Price lists go to fractions of a cent an hour; showing them rounded would hide the rate. */
const PRICE = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
});

/** `$1,234.56` */
export function formatUsd(amount: number): string {
  return CENTS.format(amount);
}

/** `$1,235` */
export function formatWholeUsd(amount: number): string {
  return WHOLE.format(amount);
}

/** `$0.04048` */
export function formatPrice(amount: number): string {
  return PRICE.format(amount);
}

/** `40 %`, for a discount given as a fraction. */
export function formatFraction(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}
