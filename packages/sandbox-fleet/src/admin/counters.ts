/** Requests served per cluster, verb and resource, for tests and benchmarks. */
export class RequestCounters {
  private counts = new Map<string, number>();

  increment(cluster: string, verb: string, resource: string): void {
    const key = `${cluster}\t${verb}\t${resource}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** `{ cluster: { verb: { resource: count } } }` */
  snapshot(): Record<string, Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, Record<string, number>>> = {};
    for (const [key, count] of this.counts) {
      const [cluster, verb, resource] = key.split('\t');
      out[cluster] ??= {};
      out[cluster][verb] ??= {};
      out[cluster][verb][resource] = count;
    }
    return out;
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }
}
