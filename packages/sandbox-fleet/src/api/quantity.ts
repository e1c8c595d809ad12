/**
 * Kubernetes resource quantities ("250m", "512Mi", "1.5") and Go durations ("15s"), read and
 * written the way apimachinery does, so what the sandbox prints parses as a real server's.
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** A quantity as a plain number (cores, bytes), or undefined when it is not one. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, number, suffix = '', exponent] = match;
  const value = Number(number);
  if (exponent !== undefined) return value * 10 ** Number(exponent);
  return value * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/**
 * CPU in nanocores, in canonical form: the largest of "", m, u and n that keeps the number
 * whole, as metrics-server's `resource.NewScaledQuantity(n, -9)` prints ("1", "250m", "3040936n").
 */
export function formatCpu(nanocores: number): string {
  const n = Math.max(0, Math.round(nanocores));
  if (n % 1e9 === 0) return String(n / 1e9);
  if (n % 1e6 === 0) return `${n / 1e6}m`;
  if (n % 1e3 === 0) return `${n / 1e3}u`;
  return `${n}n`;
}

/** Bytes in canonical binary form: the largest power of 1024 that keeps it whole ("17112Ki", "1Gi"). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, Math.round(bytes));
  if (value === 0) return '0';
  for (const suffix of ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi']) {
    if (value % 1024 !== 0) return `${value}${suffix}`;
    value /= 1024;
  }
  return `${value}Ei`;
}

/** A duration as Go's time.Duration.String() writes it: "15s", "15.5s", "1m0s", "500ms". */
export function formatGoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = (total % 60_000) / 1000;
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}
