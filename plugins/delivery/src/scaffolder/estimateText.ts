import { HOURS_PER_MONTH } from '@internal/backstage-plugin-delivery-common';
import type { EnvironmentPrices, EstimateRunning } from './goldenPathEstimate';

/** `$1,234.50`, as a bill writes it. */
export const usd = (amount: number) =>
  `$${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

const range = (min: number, max: number) =>
  min === max ? `${min}` : `${min}–${max}`;

const pods = (count: string) => `${count} pod${count === '1' ? '' : 's'}`;

/** How many pods run in an environment, and why, in a few words. */
export function runningText(running: EstimateRunning): string {
  if (running.off)
    return `0 pods: only a critical service keeps a warm standby (this one is ${running.tier})`;
  const main = pods(range(running.min, running.max));
  switch (running.strategy) {
    case 'blue-green':
      return `${main} in each colour: blue and green both run`;
    case 'canary':
      return `${main} + 1 canary pod`;
    default:
      return main;
  }
}

/** `reserved, 40 % off`, `on demand`. */
function purchaseText(entry: EnvironmentPrices): string {
  if (entry.purchase === 'on-demand') return 'on demand';
  const discount = entry.prices.discounts[entry.purchase];
  return `${entry.purchase}, ${Math.round(discount * 100)} % off`;
}

/** `staging (cluster stage-1, on demand): $0.04/vCPU-h, $0.005/GiB-h`. */
export function pricesText(environment: string, entry: EnvironmentPrices) {
  return `${environment} (cluster ${entry.cluster}, ${purchaseText(entry)}): $${
    entry.prices.vcpuHour
  }/vCPU-h, $${entry.prices.gibHour}/GiB-h`;
}

/** The formula in one line, with the requests of one pod and the prices it used. */
export function formulaText(
  perPod: { cpuRequest: string; memoryRequest: string },
  priced: Array<{ environment: string; prices: EnvironmentPrices }>,
): string {
  const prices = priced
    .map(row => pricesText(row.environment, row.prices))
    .join('; ');
  return `Monthly = pods × (${perPod.cpuRequest} CPU in vCPU × $/vCPU-h + ${
    perPod.memoryRequest
  } memory in GiB × $/GiB-h) × ${HOURS_PER_MONTH} h × (1 − discount), requests not usage${
    prices ? `; ${prices}` : ''
  }.`;
}
