import { HOURS_PER_MONTH } from '@internal/backstage-plugin-delivery-common';
import type { MeasuredCost } from '@internal/backstage-plugin-delivery-node';

/** OpenCost computes a long window from Prometheus on request, which takes a while on a big cluster. */
const QUERY_TIMEOUT_MS = 60_000;

/**
 * A service measured for less than this is left out: an hour's spend times 730 says little
 * about its month, and a few minutes' would say nothing.
 */
export const MIN_MEASURED_HOURS = 1;

/** What OpenCost is asked: `GET <baseUrl>/allocation?window&aggregate&accumulate=true`. */
export interface OpenCostQuery {
  baseUrl: string;
  window: string;
  aggregateLabel: string;
}

/** The answer: monthly spend per service, and the entries that could not be read. */
export interface OpenCostAllocations {
  costs: Map<string, MeasuredCost>;
  /** Names of entries without a usable cost or time span, left out. */
  malformed: string[];
}

/**
 * The `aggregate` parameter for a label. OpenCost knows pod labels by their Prometheus
 * names (kube-state-metrics' `label_<name>`), where every character other than a letter,
 * digit or `_` is `_`, and sanitises `label:<name>` the same way; sending the sanitised
 * name gives the same answer from versions that do not.
 */
export function openCostAggregate(label: string): string {
  return `label:${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/**
 * Asks one OpenCost for the spend of every service over the window, accumulated into one
 * set, and scales each service's spend to a month. Throws with what went wrong when
 * OpenCost cannot be reached or does not answer with allocations.
 */
export async function queryOpenCostAllocations(
  query: OpenCostQuery,
): Promise<OpenCostAllocations> {
  const base = query.baseUrl.endsWith('/')
    ? query.baseUrl
    : `${query.baseUrl}/`;
  const url = new URL('allocation', base);
  url.searchParams.set('window', query.window);
  url.searchParams.set('aggregate', openCostAggregate(query.aggregateLabel));
  url.searchParams.set('accumulate', 'true');
  const where = `${url.origin}${url.pathname}`;

  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `${where} answered HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${where} answered something other than JSON`);
  }
  if (body?.code !== 200) {
    throw new Error(
      `${where} answered code ${body?.code}: ${String(
        body?.message ?? 'no message',
      ).slice(0, 200)}`,
    );
  }
  if (!Array.isArray(body.data)) {
    throw new Error(`${where} answered code 200 without a data list`);
  }
  return monthlyAllocations(body.data);
}

interface Accumulated {
  cpu: number;
  memory: number;
  storage: number;
  total: number;
  start: number;
  end: number;
}

/**
 * Sums the sets (one with `accumulate=true`; several from a version that ignores it) per
 * service, then scales each to a month over the span the service was measured:
 * `monthly = spend x 730 / hours from its start to its end`. The span, not the requested
 * window, so a service deployed ten days into a 30-day window shows its monthly rate
 * rather than a third of it.
 */
export function monthlyAllocations(sets: unknown[]): OpenCostAllocations {
  const accumulated = new Map<string, Accumulated>();
  const malformed = new Set<string>();
  for (const set of sets) {
    if (!set || typeof set !== 'object') continue;
    for (const [name, entry] of Object.entries(set)) {
      // __idle__, __unallocated__ (pods without the label), __unmounted__: no service.
      if (/^__.*__$/.test(name)) continue;
      const read = readEntry(entry);
      if (!read) {
        malformed.add(name);
        continue;
      }
      const known = accumulated.get(name);
      accumulated.set(
        name,
        known
          ? {
              cpu: known.cpu + read.cpu,
              memory: known.memory + read.memory,
              storage: known.storage + read.storage,
              total: known.total + read.total,
              start: Math.min(known.start, read.start),
              end: Math.max(known.end, read.end),
            }
          : read,
      );
    }
  }

  const costs = new Map<string, MeasuredCost>();
  for (const [name, spend] of accumulated) {
    if (malformed.has(name)) continue;
    const hours = (spend.end - spend.start) / 3_600_000;
    if (hours < MIN_MEASURED_HOURS) continue;
    const toMonth = (value: number) =>
      Math.round(((value * HOURS_PER_MONTH) / hours) * 100) / 100;
    costs.set(name, {
      cpu: toMonth(spend.cpu),
      memory: toMonth(spend.memory),
      storage: toMonth(spend.storage),
      total: toMonth(spend.total),
      window: {
        start: new Date(spend.start).toISOString(),
        end: new Date(spend.end).toISOString(),
      },
    });
  }
  return { costs, malformed: [...malformed] };
}

// OpenCost writes NaN and infinite figures as null; such an entry is not guessed at.
function readEntry(entry: any): Accumulated | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const figure = (key: string) =>
    typeof entry[key] === 'number' && Number.isFinite(entry[key])
      ? (entry[key] as number)
      : undefined;
  // Adjustments reconcile with the cloud bill; versions without them send none.
  const adjustment = (key: string) => figure(key) ?? 0;
  const cpu = figure('cpuCost');
  const memory = figure('ramCost');
  const storage = figure('pvCost');
  const total = figure('totalCost');
  const start = Date.parse(entry.start);
  const end = Date.parse(entry.end);
  if (
    cpu === undefined ||
    memory === undefined ||
    storage === undefined ||
    total === undefined ||
    !Number.isFinite(start) ||
    !Number.isFinite(end) ||
    end < start
  ) {
    return undefined;
  }
  return {
    cpu: cpu + adjustment('cpuCostAdjustment'),
    memory: memory + adjustment('ramCostAdjustment'),
    storage: storage + adjustment('pvCostAdjustment'),
    total,
    start,
    end,
  };
}
