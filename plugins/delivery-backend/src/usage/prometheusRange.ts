/** The most points Prometheus answers per series in one range query (its own limit). */
export const PROMETHEUS_MAX_POINTS = 11_000;

/** One range query's span: points at `startMs`, `startMs + stepMs`, … up to `endMs`. */
export interface PrometheusRange {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/**
 * What one cluster's next run asks Prometheus for. Points sit on a grid of `stepMs` (so a
 * restart or a late run asks for the same instants): the last one at or before `now`, the
 * first one after `lastReadMs`, or, on the first run, the oldest one the store keeps (the
 * retention window, bounded by its polls per Deployment). Undefined when no new point is due.
 *
 * A span of more than 11,000 points (a long retention at a short step, or a Prometheus out
 * for weeks) is read with a wider step, a multiple of `stepMs`, rather than split: one query
 * per metric and run keeps the load on Prometheus and the run's duration bounded, and
 * percentiles over 11,000 polls lose nothing right-sizing needs. Later runs go back to
 * `stepMs`.
 */
export function nextPrometheusRange(options: {
  now: number;
  stepMs: number;
  retentionMs: number;
  maxPolls: number;
  lastReadMs?: number;
}): PrometheusRange | undefined {
  const { now, stepMs, lastReadMs } = options;
  const endMs = Math.floor(now / stepMs) * stepMs;
  const spanMs = Math.min(
    options.retentionMs,
    Math.max(0, options.maxPolls - 1) * stepMs,
  );
  const oldestMs = Math.ceil((endMs - spanMs) / stepMs) * stepMs;
  const startMs =
    lastReadMs === undefined
      ? oldestMs
      : Math.max(oldestMs, lastReadMs + stepMs);
  if (startMs > endMs) return undefined;
  const steps = (endMs - startMs) / stepMs;
  const widen = Math.max(1, Math.ceil(steps / (PROMETHEUS_MAX_POINTS - 1)));
  return { startMs, endMs, stepMs: widen * stepMs };
}

/** The last point a range query evaluates: `endMs` unless a widened step overshoots it. */
export function lastPointOf(range: PrometheusRange): number {
  return (
    range.startMs +
    Math.floor((range.endMs - range.startMs) / range.stepMs) * range.stepMs
  );
}
