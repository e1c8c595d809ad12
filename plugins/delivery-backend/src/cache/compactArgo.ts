import type {
  CompactAnalysisRun,
  CompactArgoRollout,
} from '@internal/backstage-plugin-delivery-common';
import { CachedDeployment, workloadFields } from './compact';
import { Interner, NO_POOL } from './StringPool';

/**
 * Argo Rollouts objects (`argoproj.io/v1alpha1`) reduced to what the derivation and the
 * card read. Field names are upstream's (`pkg/apis/rollouts/v1alpha1`); the set weight is
 * computed as upstream's CLI does (`replicasetutil.GetCurrentSetWeight`).
 */
type Json = any;

const ROLLOUT_POD_HASH = 'rollouts-pod-template-hash';
const ROLLOUT_TYPE = 'rollout-type';
const FAILED_METRIC = new Set(['Failed', 'Error', 'Inconclusive']);

/**
 * The weight the current canary step sets: 0 once aborted, 100 without steps or past the
 * last one, else the last setWeight at or before the current step (0 if none).
 */
export function setWeightOf(rollout: Json): number {
  const status = rollout.status ?? {};
  if (status.abort) return 0;
  const steps: Json[] = rollout.spec?.strategy?.canary?.steps ?? [];
  const index = status.currentStepIndex ?? 0;
  if (!steps.length || index >= steps.length) return 100;
  for (let i = index; i >= 0; i--) {
    if (typeof steps[i]?.setWeight === 'number') return steps[i].setWeight;
  }
  return 0;
}

/** Argo writes observedGeneration as a string; older controllers wrote a hash. */
function generationOf(value: Json): number | undefined {
  const number = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(number)
    ? number
    : undefined;
}

function currentAnalysisRuns(status: Json, pool: Interner) {
  return [
    status.canary?.currentStepAnalysisRunStatus,
    status.canary?.currentBackgroundAnalysisRunStatus,
    status.blueGreen?.prePromotionAnalysisRunStatus,
    status.blueGreen?.postPromotionAnalysisRunStatus,
  ]
    .filter((run: Json) => typeof run?.name === 'string' && run.name)
    .map((run: Json) => ({
      name: run.name as string,
      status: pool.intern(run.status),
    }));
}

function argoOf(object: Json, pool: Interner): CompactArgoRollout {
  const strategy = object.spec?.strategy ?? {};
  const status = object.status ?? {};
  const canary = strategy.blueGreen ? undefined : strategy.canary ?? {};
  return {
    strategy: canary ? 'canary' : 'blueGreen',
    phase: pool.intern(status.phase),
    message: status.message || undefined,
    currentStepIndex: canary ? status.currentStepIndex : undefined,
    stepCount: canary?.steps?.length ?? 0,
    setWeight: canary ? setWeightOf(object) : 100,
    trafficRouting: Boolean(canary?.trafficRouting),
    stableHash: pool.intern(status.stableRS),
    currentHash: pool.intern(status.currentPodHash),
    activeHash: pool.intern(status.blueGreen?.activeSelector),
    previewHash: pool.intern(status.blueGreen?.previewSelector),
    pauseReasons: (status.pauseConditions ?? [])
      .map((c: Json) => pool.intern(c?.reason))
      .filter(Boolean),
    controllerPause: Boolean(status.controllerPause),
    aborted: Boolean(status.abort),
    abortedAt: status.abortedAt,
    currentAnalysisRuns: currentAnalysisRuns(status, pool),
  };
}

/**
 * An Argo Rollout as a workload row: the fields it shares with a Deployment (so cost, DR
 * and usage read it as the service's workload), plus `argo`.
 */
export function compactRollout(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CachedDeployment {
  return {
    ...workloadFields(object, pool, service),
    observedGeneration: generationOf(object.status?.observedGeneration),
    // Argo has no Deployment strategy type; its canary and blue-green are in `argo`.
    strategyType: 'RollingUpdate',
    argo: argoOf(object, pool),
  };
}

const ownerRolloutUid = (object: Json): string | undefined =>
  (object.metadata?.ownerReferences ?? []).find(
    (ref: Json) => ref.kind === 'Rollout',
  )?.uid;

export function compactAnalysisRun(
  object: Json,
  pool: Interner = NO_POOL,
): CompactAnalysisRun {
  const labels = object.metadata?.labels ?? {};
  const metrics: Json[] = object.status?.metricResults ?? [];
  return {
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    ownerUid: pool.intern(ownerRolloutUid(object)),
    phase: pool.intern(object.status?.phase || 'Pending'),
    message: object.status?.message || undefined,
    podHash: pool.intern(labels[ROLLOUT_POD_HASH]),
    type: pool.intern(labels[ROLLOUT_TYPE]),
    failedMetrics: metrics
      .filter(m => FAILED_METRIC.has(m?.phase))
      .map(m => ({
        name: pool.intern(String(m.name ?? '')),
        phase: pool.intern(m.phase),
        message:
          m.message ||
          (m.measurements ?? []).slice(-1)[0]?.message ||
          undefined,
      })),
    createdAt: object.metadata?.creationTimestamp ?? '',
  };
}
