/** Numbers as the explanation sentences print them: as a manifest or a bill writes them. */

const MI = 2 ** 20;
const GI = 2 ** 30;

/** `825m`, the way a manifest writes a CPU request. */
export const cpuText = (millicores: number) =>
  `${Math.round(millicores * 10) / 10}m`;

/** `1Gi` when whole gibibytes, otherwise `720Mi` (to a tenth for observed values). */
export function memoryText(bytes: number): string {
  if (bytes > 0 && bytes % GI === 0) return `${bytes / GI}Gi`;
  return `${Math.round((bytes / MI) * 10) / 10}Mi`;
}

/** `$1,234.50`, and `-$3.10` for a cost increase. */
export function usd(amount: number): string {
  const text = Math.abs(amount).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${amount < 0 ? '-' : ''}$${text}`;
}

/** `16 %` of a whole. */
export const percentOf = (part: number, whole: number) =>
  `${whole > 0 ? Math.round((part / whole) * 100) : 0} %`;

/** `1 replica`, `3 replicas`. */
export const replicasText = (count: number) =>
  `${count} replica${count === 1 ? '' : 's'}`;

/** `6 h`, `24 h`, `7 days`: a window as a person says it. */
export function durationText(hours: number): string {
  const round1 = (value: number) => Math.round(value * 10) / 10;
  return hours >= 48 ? `${round1(hours / 24)} days` : `${round1(hours)} h`;
}
