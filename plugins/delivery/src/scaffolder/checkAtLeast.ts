import {
  cpuMillicores,
  memoryBytes,
} from '@internal/backstage-plugin-delivery-common';

/** How a field compares with the one it must not go below. */
export type AtLeastOptions = {
  /** The form field this one must be at least: `cpuRequest`, `hpaMin`. */
  atLeast: string;
  /** How both values read: CPU ("250m", "1"), memory ("256Mi") or a plain count. */
  quantity: 'cpu' | 'memory' | 'count';
};

const PARSE: Record<
  AtLeastOptions['quantity'],
  (value: unknown) => number | undefined
> = {
  cpu: value => (typeof value === 'string' ? cpuMillicores(value) : undefined),
  memory: value => (typeof value === 'string' ? memoryBytes(value) : undefined),
  count: value =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined,
};

const FORMAT_HINT: Record<AtLeastOptions['quantity'], string> = {
  cpu: 'must be a CPU quantity such as 250m or 1',
  memory: 'must be a memory quantity such as 256Mi or 1Gi',
  count: 'must be a number',
};

/**
 * The form's half of a rule the server checks too (delivery:golden-path:validate): a
 * limit below its request, or an HPA maximum below its minimum, is refused on the page
 * where it is typed, with the same wording. Returns the problem, or undefined.
 */
export function checkAtLeast(
  value: unknown,
  options: AtLeastOptions,
  formData: Record<string, unknown>,
): string | undefined {
  const parse = PARSE[options.quantity];
  if (value === undefined || value === '') return undefined; // `required` says so
  const own = parse(value);
  if (own === undefined) return FORMAT_HINT[options.quantity];
  const floorValue = formData[options.atLeast];
  const floor = parse(floorValue);
  // The other field reports its own format problems.
  if (floor === undefined || own >= floor) return undefined;
  return `must not be below ${options.atLeast} (${String(value)} < ${String(
    floorValue,
  )})`;
}
