/**
 * Kubernetes resource quantities as the golden-path form accepts them: CPU in cores or
 * millicores ("500m", "1", "1.5"), memory in binary units ("256Mi", "1Gi"). Parsed to
 * numbers only to compare a request with its limit.
 */
const CPU = /^(\d+(?:\.\d{1,3})?)(m?)$/;
const MEMORY = /^(\d+)(Ki|Mi|Gi)$/;
const MEMORY_UNIT = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 } as const;

/** Millicores, or undefined when the text is not a CPU quantity. @public */
export function cpuMillicores(text: string): number | undefined {
  const match = CPU.exec(text);
  if (!match) return undefined;
  if (match[2] === 'm') {
    return match[1].includes('.') ? undefined : Number(match[1]);
  }
  return Math.round(Number(match[1]) * 1000);
}

/** Bytes, or undefined when the text is not a memory quantity. @public */
export function memoryBytes(text: string): number | undefined {
  const match = MEMORY.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * MEMORY_UNIT[match[2] as keyof typeof MEMORY_UNIT];
}

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * Any Kubernetes quantity as a number of base units ("250m" is 0.25, "1G" is 1e9, "512Mi"
 * is 536870912), as the API server accepts them, for quantities read from clusters rather
 * than typed into the golden-path form. Undefined when the text is not a quantity.
 * @public
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (match[2] ? SUFFIX[match[2]] : 1);
}
