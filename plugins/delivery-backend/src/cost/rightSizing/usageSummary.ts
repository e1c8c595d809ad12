/**
 * The one reduction of observed usage to a {@link UsageSummary}: the backend's usage store
 * feeds it the polls it kept, {@link summarizeUsage} the raw samples a caller posted, so the
 * Cost card reads the same percentiles whichever way the usage arrived.
 */
import { percentile } from '@internal/backstage-plugin-delivery-common';
import type { UsageSummary } from './rightSizingTypes';

/** One poll of one Deployment: the usage of each of its pods at one instant. @public */
export interface UsagePoll {
  /** CPU of each pod polled, millicores. */
  cpuMillicores: readonly number[];
  /** Memory working set of each pod polled, bytes; same order as `cpuMillicores`. */
  memoryBytes: readonly number[];
  /** Pods running at that instant; the number of samples when absent. */
  pods?: number;
}

const ascending = (values: number[]) => values.sort((a, b) => a - b);
const sum = (values: readonly number[]) =>
  values.reduce((total, value) => total + value, 0);

/**
 * Reduces a Deployment's polls over a window to nearest-rank percentiles (see
 * {@link percentile}): per pod over every sample of every poll, and of the Deployment's
 * total (its pods summed) over the polls, which is the load its HPA divides among replicas.
 * Checks nothing: `polls` must hold at least one poll of at least one pod, with amounts
 * already checked.
 * @public
 */
export function summarizeUsagePolls(
  window: { windowStart: string; windowEnd: string },
  polls: readonly UsagePoll[],
): UsageSummary {
  const cpu = ascending(polls.flatMap(p => p.cpuMillicores));
  const memory = ascending(polls.flatMap(p => p.memoryBytes));
  const totalCpu = ascending(polls.map(p => sum(p.cpuMillicores)));
  const totalMemory = ascending(polls.map(p => sum(p.memoryBytes)));
  const pods = polls.map(p => p.pods ?? p.cpuMillicores.length);
  return {
    windowStart: window.windowStart,
    windowEnd: window.windowEnd,
    sampleCount: cpu.length,
    cpuMillicores: {
      p50: percentile(cpu, 0.5),
      p95: percentile(cpu, 0.95),
      max: cpu[cpu.length - 1],
    },
    memoryBytes: {
      p95: percentile(memory, 0.95),
      max: memory[memory.length - 1],
    },
    totalCpuMillicores: {
      p50: percentile(totalCpu, 0.5),
      p95: percentile(totalCpu, 0.95),
    },
    totalMemoryBytes: { p95: percentile(totalMemory, 0.95) },
    replicas: { min: Math.min(...pods), max: Math.max(...pods) },
  };
}
