import {
  CostClusterLine,
  HOURS_PER_MONTH,
  ResourcePrices,
} from '@internal/backstage-plugin-delivery-common';
import { Text } from '@backstage/ui';
import { formatFraction, formatPrice } from './money';

function priceWords(prices: ResourcePrices): string {
  return [
    `${formatPrice(prices.vcpuHour)} per vCPU-hour`,
    `${formatPrice(prices.gibHour)} per GiB-hour`,
    `${formatPrice(prices.storageGibMonth)} per GiB-month of storage`,
    `spot ${formatFraction(prices.discounts.spot)} off`,
    `reserved ${formatFraction(prices.discounts.reserved)} off`,
  ].join(', ');
}

/** Clusters that share a price list are named together, so the list is read once. */
function priceLists(clusters: CostClusterLine[]) {
  const lists = new Map<string, string[]>();
  for (const line of clusters) {
    const words = priceWords(line.prices);
    lists.set(words, [...(lists.get(words) ?? []), line.cluster]);
  }
  return [...lists].map(([words, names]) => ({ words, names }));
}

/**
 * How the figures are computed (docs/cost.md), and the prices they were computed with, so
 * a number on the card can be checked by hand.
 */
export function CostMethod(props: {
  source: string;
  clusters: CostClusterLine[];
}) {
  const { source, clusters } = props;
  return (
    <div aria-label="how this is computed">
      <Text as="p" variant="body-medium" color="secondary">
        How this is computed: CPU requests (vCPU) × replicas × price per
        vCPU-hour, plus memory requests (GiB) × replicas × price per GiB-hour, ×{' '}
        {HOURS_PER_MONTH} h a month, less the spot or reserved discount; plus
        storage GiB × price per GiB-month. Requests, not usage: they are what
        the scheduler reserves. Prices from {source}:
      </Text>
      <ul aria-label="prices used" style={{ marginTop: 4 }}>
        {priceLists(clusters).map(({ words, names }) => (
          <li key={words}>
            <Text variant="body-small" color="secondary">
              {names.join(', ')}: {words}
            </Text>
          </li>
        ))}
      </ul>
    </div>
  );
}
