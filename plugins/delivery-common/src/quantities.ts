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
