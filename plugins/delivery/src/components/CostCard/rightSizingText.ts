import { RightSizingResult } from '@internal/backstage-plugin-delivery-common';
import { formatUsd } from './money';

const MI = 2 ** 20;

/*
 * The explanation sentences' own formatters (delivery-common's rightSizingFormat) are not
 * exported by that package. The table keeps memory in Mi on both sides of the arrow, where
 * the sentences switch to Gi for whole gibibytes, so the two figures compare at a glance.
 */

/** `825m`, the way a manifest writes a CPU request (to a tenth, as the sentences do). */
export const millicoresText = (millicores: number) =>
  `${Math.round(millicores * 10) / 10}m`;

/** `768Mi`. */
export const mebibytesText = (bytes: number) =>
  `${Math.round((bytes / MI) * 10) / 10}Mi`;

/** `1000m → 825m`, or only `1000m` when nothing changes. */
export function changeText(from: string, to: string): string {
  return from === to ? from : `${from} → ${to}`;
}

/** `production · payments`: where a Deployment runs. */
export function placeText(row: { cluster?: string; namespace: string }) {
  return [row.cluster, row.namespace].filter(Boolean).join(' · ');
}

/** `payments-api in production`: a Deployment named the way a person would. */
export function deploymentText(row: { cluster?: string; name: string }) {
  return row.cluster ? `${row.name} in ${row.cluster}` : row.name;
}

/** `$13.14`, and `$0.55 more` when the change costs money instead of saving it. */
export function savingText(saving: number): string {
  return saving < 0 ? `${formatUsd(-saving)} more` : formatUsd(saving);
}

/**
 * Why a recommended change costs more: a request below what the pods use has to grow
 * (the sentences say the same, with the usage figures).
 */
export function extraCostReason(result: RightSizingResult): string {
  const grows = [
    result.recommended.cpuMillicores > result.current.cpuMillicores
      ? 'CPU'
      : undefined,
    result.recommended.memoryBytes > result.current.memoryBytes
      ? 'memory'
      : undefined,
  ].filter(Boolean);
  // Requests that do not grow cost more only on more replicas.
  if (grows.length === 0) return 'the HPA runs more replicas at median load';
  const requests =
    grows.length === 2 ? 'CPU and memory requests' : `${grows[0]} request`;
  return `the ${requests} must grow to fit the observed usage`;
}

/**
 * Why a row was refused, for the line under it: the sentence of the explanation that
 * says so (the rest opens with the row).
 */
export function refusalText(result: RightSizingResult): string {
  return (
    result.explanation.find(sentence => sentence.startsWith('Refused')) ??
    result.explanation[result.explanation.length - 1] ??
    'Refused: the backend gave no reason.'
  );
}
