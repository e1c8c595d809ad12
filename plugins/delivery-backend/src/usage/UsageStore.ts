import type { UsageSummary } from '../cost/rightSizing/rightSizingTypes';

/** One poll of one Deployment: its pods' usage at one instant. */
interface Poll {
  at: number;
  cpu: number[];
  memory: number[];
}

/** The value at a percentile of a sorted list (nearest rank). */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, rank)];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ascending = (a: number, b: number) => a - b;

/**
 * Observed usage per Deployment, kept in memory for a retention window and bounded in polls
 * per Deployment, so a catalog of thousands of Deployments sampled every few minutes holds
 * a known amount. Lost on restart: sampled clusters start over (the first day after a restart
 * reads as not enough data); clusters read from Prometheus are backfilled at start-up.
 */
export class UsageStore {
  private readonly polls = new Map<string, Poll[]>();

  constructor(
    private readonly options: { retentionMs: number; maxPolls: number },
  ) {}

  /** How far back polls are kept. */
  get retentionMs(): number {
    return this.options.retentionMs;
  }

  /** How many polls a Deployment keeps at most. */
  get maxPolls(): number {
    return this.options.maxPolls;
  }

  static key(cluster: string, namespace: string, deployment: string) {
    return `${cluster}/${namespace}/${deployment}`;
  }

  add(key: string, at: number, pods: Array<{ cpu: number; memory: number }>) {
    let polls = this.polls.get(key);
    if (!polls) this.polls.set(key, (polls = []));
    polls.push({
      at,
      cpu: pods.map(p => p.cpu),
      memory: pods.map(p => p.memory),
    });
    const oldest = at - this.options.retentionMs;
    while (
      polls.length &&
      (polls[0].at < oldest || polls.length > this.options.maxPolls)
    )
      polls.shift();
  }

  /** Drops Deployments not seen since `before` (deleted or relabelled). */
  prune(before: number) {
    for (const [key, polls] of this.polls)
      if (!polls.length || polls[polls.length - 1].at < before)
        this.polls.delete(key);
  }

  size(): number {
    return this.polls.size;
  }

  /** Percentiles over the window, per pod and summed per poll; undefined when never seen. */
  summary(key: string): UsageSummary | undefined {
    const polls = this.polls.get(key);
    if (!polls?.length) return undefined;
    const cpu = polls.flatMap(p => p.cpu).sort(ascending);
    const memory = polls.flatMap(p => p.memory).sort(ascending);
    const totalCpu = polls.map(p => sum(p.cpu)).sort(ascending);
    const totalMemory = polls.map(p => sum(p.memory)).sort(ascending);
    const counts = polls.map(p => p.cpu.length);
    return {
      windowStart: new Date(polls[0].at).toISOString(),
      windowEnd: new Date(polls[polls.length - 1].at).toISOString(),
      sampleCount: cpu.length,
      cpuMillicores: {
        p50: percentile(cpu, 50),
        p95: percentile(cpu, 95),
        max: cpu[cpu.length - 1],
      },
      memoryBytes: {
        p95: percentile(memory, 95),
        max: memory[memory.length - 1],
      },
      totalCpuMillicores: {
        p50: percentile(totalCpu, 50),
        p95: percentile(totalCpu, 95),
      },
      totalMemoryBytes: { p95: percentile(totalMemory, 95) },
      replicas: { min: Math.min(...counts), max: Math.max(...counts) },
    };
  }
}
