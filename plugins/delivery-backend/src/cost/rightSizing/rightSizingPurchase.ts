/**
 * How the capacity should be bought, after right-sizing. The seed documents' rules: reserved
 * (1 to 3 year terms) for consistent production workloads, spot for interruptible ones
 * (workers, batch, development and staging); and never spot for a critical-tier production
 * service, whose pods a reclaimed node takes down with little notice.
 */
import {
  discountOf,
  monthlyCost,
  PurchaseOption,
  ResourcePrices,
} from '@internal/backstage-plugin-delivery-common';
import { durationText, usd } from './rightSizingFormat';
import type {
  PurchaseSuggestion,
  RightSizingPolicy,
  RightSizingResult,
  RightSizingWorkload,
  UsageSummary,
} from './rightSizingTypes';
import { windowHours } from './rightSizingUsage';

/** Workload types that can lose a pod without losing work: they retry or resume. @public */
export const INTERRUPTIBLE_WORKLOAD_TYPES: readonly string[] = [
  'worker',
  'batch',
];

const round1 = (value: number) => Math.round(value * 10) / 10;
const offText = (prices: ResourcePrices, option: PurchaseOption) =>
  `${Math.round(discountOf(prices, option) * 100)} % off`;

interface Steadiness {
  steady: boolean;
  replicas: { min: number; max: number };
  peakRatio: number;
  hours: number;
}

/** Steady: always on, a replica count that barely moves, and a p95 close to the median. */
function steadinessOf(
  usage: UsageSummary,
  result: RightSizingResult,
  policy: RightSizingPolicy,
): Steadiness {
  const replicas = usage.replicas ?? {
    min: result.replicas?.after.p50 ?? 0,
    max: result.replicas?.after.p95 ?? 0,
  };
  const cpu = usage.totalCpuMillicores ?? usage.cpuMillicores;
  const peakRatio = cpu.p50 > 0 ? cpu.p95 / cpu.p50 : Number.POSITIVE_INFINITY;
  const alwaysOn = replicas.min >= 1;
  const spread =
    replicas.max > 0 ? (replicas.max - replicas.min) / replicas.max : 1;
  return {
    steady:
      alwaysOn &&
      spread <= policy.steadyReplicaSpread &&
      peakRatio <= policy.steadyCpuPeakRatio,
    replicas,
    peakRatio,
    hours: windowHours(usage),
  };
}

function describeSteadiness({ replicas, peakRatio, hours }: Steadiness) {
  const count =
    replicas.min === replicas.max
      ? `${replicas.min} replicas throughout`
      : `${replicas.min} to ${replicas.max} replicas`;
  return `${count} and CPU p95 ${round1(
    peakRatio,
  )}× the median over ${durationText(hours)}`;
}

/** Why a workload may lose pods without harm; empty when it may not. */
function interruptibleReasons(workload: RightSizingWorkload): string[] {
  const reasons: string[] = [];
  if (INTERRUPTIBLE_WORKLOAD_TYPES.includes(workload.type)) {
    reasons.push(`a ${workload.type}`);
  }
  if (!workload.environment.production) {
    reasons.push(`runs in ${workload.environment.name}, not production`);
  }
  if (workload.tier === 'experimental') reasons.push('experimental tier');
  return reasons;
}

/** The suggestion for one Deployment, if any, and a note for its explanation, if any. */
export function suggestPurchase(
  workload: RightSizingWorkload,
  usage: UsageSummary | undefined,
  result: RightSizingResult,
  policy: RightSizingPolicy,
): { suggestion?: PurchaseSuggestion; note?: string } {
  const { prices, purchase: from } = workload;
  // Without usage nothing is recommended, a purchase option included.
  if (result.status === 'insufficient-data') return {};
  const replicas = result.replicas?.after.p50 ?? workload.replicas;
  const costWith = (purchase: PurchaseOption) =>
    monthlyCost(
      {
        cpuMillicores: result.recommended.cpuMillicores,
        memoryBytes: result.recommended.memoryBytes,
        replicas,
        purchase,
        storageGib: workload.storageGib,
      },
      prices,
    ).total;
  const suggest = (to: PurchaseOption, reason: (figures: string) => string) => {
    const before = costWith(from);
    const after = costWith(to);
    const saving = Math.round((before - after) * 100) / 100;
    const figures =
      saving >= 0
        ? `${usd(before)} → ${usd(after)} a month, saving ${usd(saving)}`
        : `${usd(before)} → ${usd(after)} a month, ${usd(-saving)} more`;
    return {
      suggestion: {
        ...(workload.cluster !== undefined
          ? { cluster: workload.cluster }
          : {}),
        namespace: workload.namespace,
        name: workload.name,
        from,
        to,
        monthlyCostBefore: before,
        monthlyCostAfter: after,
        monthlySaving: saving,
        reason: reason(figures),
      },
    };
  };

  const criticalProduction =
    workload.tier === 'critical' && workload.environment.production;
  const interruptible = interruptibleReasons(workload);
  const spotAllowed = interruptible.length > 0 && !criticalProduction;

  const steadiness = usage ? steadinessOf(usage, result, policy) : undefined;
  const steadyText = steadiness ? describeSteadiness(steadiness) : '';
  const steadyProduction =
    workload.environment.production && steadiness?.steady === true;
  const reservedAllowed =
    steadyProduction &&
    steadiness !== undefined &&
    steadiness.hours >= policy.minReservedWindowHours;

  if (criticalProduction && from === 'spot') {
    const to = reservedAllowed ? 'reserved' : 'on-demand';
    return suggest(
      to,
      figures =>
        `Critical-tier production service on spot capacity: a reclaimed node takes its pods down with little notice; move it to ${to}${
          to === 'reserved'
            ? ` (steady: ${steadyText}, ${offText(prices, to)})`
            : ''
        }: ${figures}.`,
    );
  }

  const options: PurchaseOption[] = [];
  if (spotAllowed) options.push('spot');
  if (reservedAllowed) options.push('reserved');
  const to = options.sort(
    (a, b) => discountOf(prices, b) - discountOf(prices, a),
  )[0];

  let note: string | undefined;
  if (steadyProduction && !reservedAllowed && steadiness) {
    note = `Steady so far (${steadyText}), but reserved capacity is a 1 to 3 year commitment: wait for ${durationText(
      policy.minReservedWindowHours,
    )} of data before buying it.`;
  } else if (
    criticalProduction &&
    interruptible.length > 0 &&
    to === undefined
  ) {
    note = `Never spot for a critical-tier production service, even ${interruptible.join(
      ', ',
    )}: it stays ${from}.`;
  }

  if (!to || discountOf(prices, to) <= discountOf(prices, from)) {
    return note ? { note } : {};
  }
  const withNote = (suggested: { suggestion: PurchaseSuggestion }) =>
    note ? { ...suggested, note } : suggested;
  if (to === 'spot') {
    return withNote(
      suggest(
        'spot',
        figures =>
          `Interruptible (${interruptible.join(
            '; ',
          )}): spot capacity at ${offText(prices, 'spot')}: ${figures}.`,
      ),
    );
  }
  const notSpot =
    criticalProduction && interruptible.length > 0
      ? `Never spot for a critical-tier production service, even ${interruptible.join(
          ', ',
        )}. `
      : '';
  return withNote(
    suggest(
      'reserved',
      figures =>
        `${notSpot}Steady production workload (${steadyText}, always on): reserved capacity at ${offText(
          prices,
          'reserved',
        )}: ${figures}.`,
    ),
  );
}
