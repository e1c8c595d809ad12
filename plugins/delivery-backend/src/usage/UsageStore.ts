import type { UsageSummary } from '../cost/rightSizing/rightSizingTypes';
import {
  summarizeUsagePolls,
  UsagePoll,
} from '../cost/rightSizing/usageSummary';

/** One poll of one Deployment: its pods' usage at one instant. */
interface Poll extends UsagePoll {
  at: number;
}

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
      cpuMillicores: pods.map(p => p.cpu),
      memoryBytes: pods.map(p => p.memory),
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
    return summarizeUsagePolls(
      {
        windowStart: new Date(polls[0].at).toISOString(),
        windowEnd: new Date(polls[polls.length - 1].at).toISOString(),
      },
      polls,
    );
  }
}
