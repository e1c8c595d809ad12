/**
 * Observed usage: per-pod samples reduced to the percentiles right-sizing reads, checks that
 * name the bad field, and whether there is enough of it to recommend anything.
 */
import {
  CostInputError,
  requireAmount,
} from '@internal/backstage-plugin-delivery-common';
import type {
  RightSizingPolicy,
  UsageSample,
  UsageSamples,
  UsageSummary,
} from './rightSizingTypes';

const HOUR_MS = 3_600_000;

/** Nearest-rank percentile: always a value that was observed, never an interpolation. */
function percentile(sorted: number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);

function requireTime(value: unknown, field: string): number {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new CostInputError(
      field,
      `${String(
        value,
      )} is not a time; use ISO 8601 such as 2026-11-23T12:00:00Z`,
    );
  }
  return time;
}

function requireWindow(
  usage: { windowStart: string; windowEnd: string },
  at: string,
): void {
  const start = requireTime(usage.windowStart, `${at}.windowStart`);
  const end = requireTime(usage.windowEnd, `${at}.windowEnd`);
  if (end < start) {
    throw new CostInputError(
      `${at}.windowEnd`,
      `${usage.windowEnd} is before windowStart ${usage.windowStart}`,
    );
  }
}

/**
 * Reduces per-pod samples to a {@link UsageSummary}. Samples of one poll (same `at`) are
 * summed into the Deployment's total load at that instant and counted as its pods then.
 * @public
 */
export function summarizeUsage(
  usage: UsageSamples,
  at = 'usage',
): UsageSummary {
  requireWindow(usage, at);
  if (!Array.isArray(usage.samples) || usage.samples.length === 0) {
    throw new CostInputError(`${at}.samples`, 'must hold at least one sample');
  }
  const polls = new Map<string, UsageSample[]>();
  usage.samples.forEach((sample, index) => {
    const field = `${at}.samples[${index}]`;
    requireTime(sample.at, `${field}.at`);
    requireAmount(sample.cpuMillicores, `${field}.cpuMillicores`);
    requireAmount(sample.memoryBytes, `${field}.memoryBytes`);
    polls.set(sample.at, [...(polls.get(sample.at) ?? []), sample]);
  });

  const cpu = ascending(usage.samples.map(s => s.cpuMillicores));
  const memory = ascending(usage.samples.map(s => s.memoryBytes));
  const sum = (samples: UsageSample[], key: 'cpuMillicores' | 'memoryBytes') =>
    samples.reduce((total, sample) => total + sample[key], 0);
  const pollSamples = [...polls.values()];
  const totalCpu = ascending(pollSamples.map(s => sum(s, 'cpuMillicores')));
  const totalMemory = ascending(pollSamples.map(s => sum(s, 'memoryBytes')));
  const pods = pollSamples.map(s => new Set(s.map(sample => sample.pod)).size);

  return {
    windowStart: usage.windowStart,
    windowEnd: usage.windowEnd,
    sampleCount: usage.samples.length,
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

function requireOrdered(
  values: Partial<Record<string, number>>,
  keys: string[],
  at: string,
): void {
  let previous: string | undefined;
  for (const key of keys) {
    if (values[key] === undefined) continue;
    const value = requireAmount(values[key], `${at}.${key}`);
    if (previous !== undefined && value < values[previous]!) {
      throw new CostInputError(
        `${at}.${key}`,
        `${value} is below ${previous} ${values[previous]}; it must not be`,
      );
    }
    previous = key;
  }
}

/** A summary as given, or the summary of the samples given; checked either way. */
export function usageSummaryOf(
  usage: UsageSummary | UsageSamples,
  at: string,
): UsageSummary {
  if ('samples' in usage) return summarizeUsage(usage, at);
  requireWindow(usage, at);
  if (!Number.isInteger(usage.sampleCount) || usage.sampleCount < 0) {
    throw new CostInputError(
      `${at}.sampleCount`,
      `${String(
        usage.sampleCount,
      )} is not a count; it must be a whole number of at least 0`,
    );
  }
  if (!usage.cpuMillicores) {
    throw new CostInputError(`${at}.cpuMillicores`, 'is required');
  }
  if (!usage.memoryBytes) {
    throw new CostInputError(`${at}.memoryBytes`, 'is required');
  }
  requireOrdered(
    usage.cpuMillicores,
    ['p50', 'p95', 'max'],
    `${at}.cpuMillicores`,
  );
  requireOrdered(usage.memoryBytes, ['p95', 'max'], `${at}.memoryBytes`);
  if (usage.totalCpuMillicores) {
    requireOrdered(
      usage.totalCpuMillicores,
      ['p50', 'p95'],
      `${at}.totalCpuMillicores`,
    );
  }
  if (usage.totalMemoryBytes) {
    requireAmount(usage.totalMemoryBytes.p95, `${at}.totalMemoryBytes.p95`);
  }
  if (usage.replicas) {
    requireOrdered(usage.replicas, ['min', 'max'], `${at}.replicas`);
  }
  return usage;
}

/** Hours the window covers. */
export function windowHours(usage: UsageSummary): number {
  return (
    (Date.parse(usage.windowEnd) - Date.parse(usage.windowStart)) / HOUR_MS
  );
}

const hoursText = (hours: number) => `${Math.floor(hours * 10) / 10} h`;

/** What is missing before a recommendation can rest on this usage; empty when nothing. */
export function missingData(
  usage: UsageSummary | undefined,
  policy: RightSizingPolicy,
): string[] {
  if (!usage) return ['usage: nothing was collected for this Deployment'];
  const missing: string[] = [];
  if (usage.sampleCount < policy.minSamples) {
    missing.push(
      `samples: ${usage.sampleCount} of at least ${policy.minSamples}`,
    );
  }
  const hours = windowHours(usage);
  if (hours < policy.minWindowHours) {
    missing.push(
      `window: ${hoursText(hours)} of at least ${hoursText(
        policy.minWindowHours,
      )}`,
    );
  }
  return missing;
}
