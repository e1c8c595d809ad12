import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { controllerUid, KINDS, sameJson } from './objects';
import {
  ARGO_KINDS,
  durationMs,
  FINISHED_ANALYSIS,
  podHashOf,
  ROLLOUT_HASH_LABEL,
} from './rolloutObjects';

/** How long one simulated measurement (a metrics query) takes on the fleet clock. */
export const MEASUREMENT_MS = 2_000;

/**
 * The rule that decides a simulated metric: it fails when an image of the version under
 * analysis has a tag containing `-bad` (`my-service:2.0.0-bad`), and succeeds otherwise.
 */
export function imagesFail(template: any): boolean {
  return (template?.spec?.containers ?? []).some((c: any) => {
    const image = String(c.image ?? '');
    const tag = image.slice(image.lastIndexOf(':') + 1);
    return image.includes(':') && tag.includes('-bad');
  });
}

/** The pod template of the ReplicaSet an AnalysisRun measures: its Rollout's, by hash. */
function analysedTemplate(cluster: Cluster, run: KubeObject): any | undefined {
  const owner = controllerUid(run);
  const hash = run.metadata.labels?.[ROLLOUT_HASH_LABEL];
  return cluster.store
    .list(KINDS.replicaSet, run.metadata.namespace)
    .find(rs => controllerUid(rs) === owner && podHashOf(rs) === hash)?.spec
    ?.template;
}

/** As upstream: without a count, a metric with an interval measures until terminated. */
function measurementsWanted(metric: any, interval: number): number {
  if (metric.count !== undefined) return Number(metric.count) || 1;
  return interval > 0 ? Infinity : 1;
}

function measurement(phase: string, startedAt: string, finishedAt: string) {
  return {
    phase,
    // What a success-rate query would return for a healthy and for a broken version.
    value: phase === 'Successful' ? '0.99' : '0.42',
    startedAt,
    finishedAt,
  };
}

/**
 * The analysis controller, with a simulated metrics provider: each metric of a run is
 * measured `count` times (default 1, or until the run is terminated when it has an
 * `interval`), every `interval`, each measurement taking
 * MEASUREMENT_MS; `failureLimit` (default 0) failed measurements fail it, as upstream
 * assesses them. What a measurement returns follows imagesFail(). `spec.terminate` ends a
 * run Successful with "Run Terminated", as upstream does.
 */
export function reconcileAnalysisRuns(cluster: Cluster): void {
  const { store } = cluster;
  const now = cluster.clock.now();
  const nowIso = new Date(now).toISOString();
  for (const run of store.all(ARGO_KINDS.analysisRun)) {
    const previous = run.status ?? {};
    if (FINISHED_ANALYSIS.has(previous.phase)) continue;
    const metrics: any[] = run.spec?.metrics ?? [];
    let status: any;
    if (run.spec?.terminate) {
      status = { ...previous, phase: 'Successful', message: 'Run Terminated' };
    } else if (!previous.phase || previous.phase === 'Pending') {
      status = { phase: 'Running', startedAt: nowIso, metricResults: [] };
    } else {
      status = measure(cluster, run, metrics, previous, now, nowIso);
    }
    if (!sameJson(status, previous)) {
      store.update(ARGO_KINDS.analysisRun, { ...run, status });
    }
  }
}

function measure(
  cluster: Cluster,
  run: KubeObject,
  metrics: any[],
  previous: any,
  now: number,
  nowIso: string,
) {
  const failing = imagesFail(analysedTemplate(cluster, run));
  const startedAt = Date.parse(previous.startedAt ?? nowIso);
  const results = metrics.map(metric => {
    const interval = durationMs(metric.interval);
    const count = measurementsWanted(metric, interval);
    const limit = Number(metric.failureLimit ?? 0);
    const known = (previous.metricResults ?? []).find(
      (r: any) => r.name === metric.name,
    );
    const result = known
      ? { ...known, measurements: [...(known.measurements ?? [])] }
      : {
          name: metric.name,
          phase: 'Running',
          count: 0,
          successful: 0,
          failed: 0,
          measurements: [],
        };
    if (result.phase !== 'Running') return result;
    // Measurement n finishes MEASUREMENT_MS after it started, every interval from the start.
    while (
      result.count < count &&
      now >= startedAt + result.count * interval + MEASUREMENT_MS
    ) {
      const begun = startedAt + result.count * interval;
      const phase = failing ? 'Failed' : 'Successful';
      result.measurements.push(
        measurement(
          phase,
          new Date(begun).toISOString(),
          new Date(begun + MEASUREMENT_MS).toISOString(),
        ),
      );
      result.count += 1;
      if (failing) result.failed += 1;
      else result.successful += 1;
    }
    if (result.failed > limit) {
      result.phase = 'Failed';
      result.message = `Metric "${metric.name}" assessed Failed due to failed (${result.failed}) > failureLimit (${limit})`;
    } else if (result.count >= count) {
      result.phase = 'Successful';
    }
    return result;
  });
  const failed = results.find(r => r.phase === 'Failed');
  const done = results.every(r => r.phase !== 'Running');
  const summary = {
    count: results.length,
    successful: results.filter(r => r.phase === 'Successful').length,
    failed: results.filter(r => r.phase === 'Failed').length,
  };
  if (failed) {
    return {
      ...previous,
      phase: 'Failed',
      message: failed.message,
      metricResults: results,
      runSummary: summary,
    };
  }
  return {
    ...previous,
    phase: done ? 'Successful' : 'Running',
    metricResults: results,
    runSummary: summary,
  };
}
