import { preferredType, storageKey } from '../api/resources';
import { KubeObject } from '../store/types';
import { stableHash } from './random';

/** Storage keys of Argo Rollouts' kinds (argoproj.io/v1alpha1). */
export const ARGO_KINDS = {
  rollout: storageKey(preferredType('Rollout')),
  analysisRun: storageKey(preferredType('AnalysisRun')),
  analysisTemplate: storageKey(preferredType('AnalysisTemplate')),
};

/** The label Argo Rollouts puts on a Rollout's ReplicaSets, Pods, Services and AnalysisRuns. */
export const ROLLOUT_HASH_LABEL = 'rollouts-pod-template-hash';
/** The revision of a ReplicaSet (and of the Rollout) in the Rollout's history. */
export const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';
/** Upstream's mark on a Service whose selector a Rollout manages. */
export const MANAGED_BY_ROLLOUTS =
  'argo-rollouts.argoproj.io/managed-by-rollouts';

/** When a previous blue-green colour scales down (RFC 3339), as upstream annotates it. */
export const SCALE_DOWN_DEADLINE = 'scale-down-deadline';

/** status.pauseConditions[].reason values, as upstream names them. */
export const PAUSE_REASONS = {
  canaryStep: 'CanaryPauseStep',
  blueGreen: 'BlueGreenPause',
  inconclusiveAnalysis: 'InconclusiveAnalysisRun',
};

/** AnalysisRun phases that do not change any more. */
export const FINISHED_ANALYSIS = new Set([
  'Successful',
  'Failed',
  'Error',
  'Inconclusive',
]);

/** Drops nulls and empty objects, so a template read back through Go's types hashes the same. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const kept = withoutEmpty(v);
      if (kept === null || kept === undefined) continue;
      if (
        typeof kept === 'object' &&
        !Array.isArray(kept) &&
        Object.keys(kept as object).length === 0
      )
        continue;
      out[key] = kept;
    }
    return out;
  }
  return value;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The pod-template hash of a Rollout's template. Like upstream's it ignores the hash label
 * itself and what serialisation adds (`creationTimestamp: null`), so `undo`, which copies a
 * ReplicaSet's template back, returns to that ReplicaSet.
 */
export function rolloutTemplateHash(template: any): string {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[ROLLOUT_HASH_LABEL];
  const bare = {
    ...template,
    metadata: { ...(template?.metadata ?? {}), labels },
  };
  return stableHash(canonicalJson(withoutEmpty(bare)));
}

export const podHashOf = (object: KubeObject): string | undefined =>
  object.metadata.labels?.[ROLLOUT_HASH_LABEL];

export const revisionOf = (object: KubeObject): number =>
  Number(object.metadata.annotations?.[ROLLOUT_REVISION] ?? 0);

export const specReplicas = (rs: KubeObject | undefined): number =>
  rs?.spec?.replicas ?? 0;

/** Available pods a ReplicaSet keeps: never more than its spec, which it is scaling to. */
export const availableOf = (rs: KubeObject | undefined): number =>
  rs ? Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0) : 0;

/** Parses a Go duration as Argo writes them ("30s", "5m", "1h30m"), or plain seconds. */
export function durationMs(value: string | number | undefined): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value * 1000;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const units: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * units[unit];
  }
  return total;
}
