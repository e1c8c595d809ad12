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
import { summarizeUsagePolls } from './usageSummary';

const HOUR_MS = 3_600_000;

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
 * Checks per-pod samples and reduces them to a {@link UsageSummary}. Samples of one poll
 * (same `at`) are summed into the Deployment's total load at that instant and counted as
 * its pods then (see {@link summarizeUsagePolls}).
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

  return summarizeUsagePolls(
    usage,
    [...polls.values()].map(samples => ({
      cpuMillicores: samples.map(s => s.cpuMillicores),
      memoryBytes: samples.map(s => s.memoryBytes),
      pods: new Set(samples.map(s => s.pod)).size,
    })),
  );
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
