import type { RolloutStatus } from './computeRollout';
import { versionOfImage } from './images';
import { podProblem, PodProblem } from './podProblems';
import { revisionsOf } from './revisions';
import {
  CompactAnalysisRun,
  CompactArgoRollout,
  CompactDeployment,
  CompactReplicaSet,
  ServiceWorkloads,
} from './types';

/** An AnalysisRun of an Argo Rollout, as the card shows it. @public */
export interface ArgoAnalysis {
  name: string;
  /** Pending, Running, Successful, Failed, Error or Inconclusive. */
  phase: string;
  message?: string;
  /** The first metric that failed, errored or was inconclusive. */
  failedMetric?: { name: string; phase: string; message?: string };
}

/**
 * What an Argo Rollout adds to a service's rollout, in the words of upstream's
 * `kubectl argo rollouts get rollout`.
 * @public
 */
export interface ArgoRolloutDetail {
  controller: 'argo-rollouts';
  /** The Rollout's name. */
  name: string;
  /** status.phase: Healthy, Progressing, Paused or Degraded. */
  phase?: string;
  message?: string;
  strategy: 'canary' | 'blueGreen';
  /** Canary: the current step index over the number of steps, as the CLI writes it (`3/6`). */
  step?: string;
  currentStepIndex?: number;
  stepCount: number;
  /** Canary: the weight the current step sets (0–100). */
  setWeightPercent?: number;
  /** Canary: the share of ready replicas on the canary, or the set weight under traffic routing. */
  actualWeightPercent?: number;
  /** Why the Rollout waits: CanaryPauseStep, BlueGreenPause, InconclusiveAnalysisRun, ... */
  pauseReasons: string[];
  aborted: boolean;
  /** Version of the stable ReplicaSet (blue-green: the one the active Service selects). */
  stableVersion?: string;
  /** Version of the canary (blue-green: preview) ReplicaSet while it differs from stable. */
  canaryVersion?: string;
  /** The current AnalysisRun, or the newest one when none is current. */
  analysis?: ArgoAnalysis;
}

const FAILED_ANALYSIS = new Set(['Failed', 'Error', 'Inconclusive']);

const newestFirst = (a: CompactAnalysisRun, b: CompactAnalysisRun) =>
  b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name);

/**
 * The AnalysisRun to show: of the runs the Rollout names as current, a failed one first;
 * else the newest run of the current version; else the newest run at all.
 */
function analysisOf(
  argo: CompactArgoRollout,
  runs: CompactAnalysisRun[],
): ArgoAnalysis | undefined {
  const named = [...argo.currentAnalysisRuns].sort(
    (a, b) =>
      Number(FAILED_ANALYSIS.has(b.status ?? '')) -
      Number(FAILED_ANALYSIS.has(a.status ?? '')),
  )[0];
  const sorted = [...runs].sort(newestFirst);
  const run = named
    ? runs.find(r => r.name === named.name)
    : sorted.find(r => r.podHash && r.podHash === argo.currentHash) ??
      sorted[0];
  if (!run) {
    return named
      ? { name: named.name, phase: named.status ?? 'Pending' }
      : undefined;
  }
  return {
    name: run.name,
    phase: run.phase,
    message: run.message,
    failedMetric: run.failedMetrics[0],
  };
}

const progressOf = (done: number, desired: number) =>
  desired > 0 ? Math.round((100 * done) / desired) : 100;

/** Canary: the share of ready replicas that run the canary, as the CLI's `info` does. */
function actualWeightOf(
  argo: CompactArgoRollout,
  canary: CompactReplicaSet | undefined,
  owned: CompactReplicaSet[],
): number {
  const stepsDone =
    argo.stepCount === 0 || (argo.currentStepIndex ?? 0) >= argo.stepCount;
  if (stepsDone && !argo.aborted) return 100;
  if (argo.trafficRouting) return argo.setWeight;
  const totalReady = owned.reduce((sum, rs) => sum + rs.ready, 0);
  if (!canary || totalReady === 0) return 0;
  return Math.round((100 * canary.ready) / totalReady);
}

function detailOf(
  rollout: CompactDeployment,
  argo: CompactArgoRollout,
  owned: CompactReplicaSet[],
  runs: CompactAnalysisRun[],
) {
  const byHash = (hash?: string) =>
    hash ? owned.find(rs => rs.podHash === hash) : undefined;
  const stableHash =
    argo.strategy === 'blueGreen'
      ? argo.activeHash ?? argo.stableHash
      : argo.stableHash;
  const stable = byHash(stableHash);
  // The spec's template while it differs from stable: the canary, or the preview.
  const newHash =
    argo.strategy === 'blueGreen'
      ? argo.previewHash ?? argo.currentHash
      : argo.currentHash;
  const inFlight =
    newHash && newHash !== stableHash ? byHash(newHash) : undefined;
  const canaryImage =
    newHash && newHash !== stableHash
      ? inFlight?.image ?? rollout.image
      : undefined;
  const canary = argo.strategy === 'canary';
  const detail: ArgoRolloutDetail = {
    controller: 'argo-rollouts',
    name: rollout.name,
    phase: argo.phase,
    message: argo.message,
    strategy: argo.strategy,
    step:
      canary && argo.stepCount > 0
        ? `${argo.currentStepIndex ?? 0}/${argo.stepCount}`
        : undefined,
    currentStepIndex: argo.currentStepIndex,
    stepCount: argo.stepCount,
    setWeightPercent: canary ? argo.setWeight : undefined,
    actualWeightPercent: canary
      ? actualWeightOf(argo, inFlight, owned)
      : undefined,
    pauseReasons: argo.pauseReasons,
    aborted: argo.aborted,
    stableVersion: stable ? versionOfImage(stable.image) : undefined,
    canaryVersion: canaryImage ? versionOfImage(canaryImage) : undefined,
    analysis: analysisOf(argo, runs),
  };
  return { detail, stable, inFlight };
}

/**
 * Derives the rollout of a service an Argo Rollout runs, from the Rollout's row, the
 * ReplicaSets and pods it owns, and its AnalysisRuns. The state follows the Rollout's
 * phase the way `kubectl argo rollouts status` reads it.
 * @public
 */
export function computeArgoRollout(
  rollout: CompactDeployment,
  workloads: ServiceWorkloads,
  empty: RolloutStatus,
  now: number,
): RolloutStatus {
  const argo = rollout.argo!;
  const owned = workloads.replicaSets.filter(rs => rs.ownerUid === rollout.uid);
  const runs = (workloads.analysisRuns ?? []).filter(
    run => run.ownerUid === rollout.uid,
  );
  const { detail, stable, inFlight } = detailOf(rollout, argo, owned, runs);
  const revisions = revisionsOf(rollout, workloads.replicaSets);
  // Pods of the version being rolled out tell why it does not serve.
  const watched = new Set(
    (inFlight ? [inFlight] : owned.filter(rs => rs.desired > 0)).map(
      rs => rs.uid,
    ),
  );
  const problems = workloads.pods
    .filter(p => p.ownerUid && watched.has(p.ownerUid))
    .map(p => podProblem(p, now))
    .filter((p): p is PodProblem => Boolean(p));
  const desired = rollout.desired;
  const updatedAvailable = Math.min(rollout.updated, rollout.available);
  const healthy = argo.phase === 'Healthy';
  const progressing = rollout.conditions.find(c => c.type === 'Progressing');
  const status: RolloutStatus = {
    ...empty,
    strategy: argo.strategy === 'canary' ? 'canary' : 'blue-green',
    desired,
    updated: rollout.updated,
    ready: rollout.ready,
    available: rollout.available,
    progressPercent:
      argo.strategy === 'canary' && !healthy
        ? detail.setWeightPercent!
        : progressOf(updatedAvailable, desired),
    currentImage: rollout.image,
    currentVersion: versionOfImage(rollout.image),
    previousImage:
      stable && stable.image !== rollout.image ? stable.image : undefined,
    previousVersion:
      stable && stable.image !== rollout.image
        ? versionOfImage(stable.image)
        : undefined,
    canaryWeightPercent:
      detail.canaryVersion !== undefined
        ? detail.actualWeightPercent
        : undefined,
    problems,
    hpa: workloads.hpas.find(h => h.targetName === rollout.name),
    revisions,
    lastChangeAt: progressing?.lastUpdateTime ?? revisions[0]?.createdAt,
    argo: detail,
  };
  return { ...status, ...argoStateOf(rollout, status, detail) };
}

function argoStateOf(
  rollout: CompactDeployment,
  status: RolloutStatus,
  detail: ArgoRolloutDetail,
): Pick<RolloutStatus, 'state' | 'summary'> {
  const version = status.currentVersion ?? 'the new version';
  const stable = detail.stableVersion ?? 'the stable version';
  const at = detail.step ? ` at step ${detail.step}` : '';
  const weight =
    detail.setWeightPercent !== undefined
      ? `, weight ${detail.setWeightPercent}% (actual ${detail.actualWeightPercent}%)`
      : '';
  const analysis = detail.analysis;
  const analysisWords =
    analysis && FAILED_ANALYSIS.has(analysis.phase)
      ? `analysis ${analysis.name} ${analysis.phase}${
          analysis.failedMetric
            ? ` (${analysis.failedMetric.name}${
                analysis.failedMetric.message
                  ? `: ${analysis.failedMetric.message}`
                  : ''
              })`
            : ''
        }`
      : undefined;
  const progressing = rollout.conditions.find(c => c.type === 'Progressing');
  const problem = status.problems[0];

  if (detail.aborted) {
    return {
      state: 'aborted',
      summary: `rollout of ${version} aborted${
        analysisWords ? `: ${analysisWords}` : ''
      }; ${stable} keeps serving`,
    };
  }
  if (detail.phase === 'Degraded') {
    const stalled =
      progressing?.status === 'False' &&
      progressing.reason === 'ProgressDeadlineExceeded';
    return {
      state: stalled ? 'stalled' : 'failing',
      summary: `rollout of ${version} is degraded: ${
        analysisWords ?? detail.message ?? 'see the Rollout'
      }`,
    };
  }
  if (
    detail.phase === 'Paused' ||
    detail.pauseReasons.length > 0 ||
    rollout.paused
  ) {
    const why = detail.pauseReasons.length
      ? ` (${detail.pauseReasons.join(', ')})`
      : '';
    return {
      state: 'paused',
      summary: `rollout of ${version} is paused${at}${why}${weight}, waiting for promote or abort`,
    };
  }
  if (problem) {
    return {
      state: 'failing',
      summary: `${version} is not serving: ${problem.pod}: ${problem.reason}`,
    };
  }
  const settled =
    detail.phase === 'Healthy' &&
    (rollout.observedGeneration ?? 0) >= rollout.generation;
  if (settled && rollout.desired === 0) {
    return { state: 'scaled-down', summary: 'deployed at zero replicas' };
  }
  if (settled) {
    return {
      state: 'complete',
      summary: `${version} on ${rollout.available}/${rollout.desired} replicas`,
    };
  }
  return {
    state: 'progressing',
    summary:
      detail.strategy === 'canary'
        ? `canary ${version}${at}${weight}`
        : `preview ${version}: ${rollout.updated}/${rollout.desired} updated, ${rollout.available} available`,
  };
}
