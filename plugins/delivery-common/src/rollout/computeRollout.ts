import { TRACKS } from '../labels';
import { Strategy } from '../strategies';
import { ArgoRolloutDetail, computeArgoRollout } from './argoRollout';
import { versionOfImage } from './images';
import { revisionsOf, RolloutRevision } from './revisions';
import { podProblem, PodProblem } from './podProblems';
import { CompactDeployment, CompactHpa, ServiceWorkloads } from './types';

/**
 * The states a service's rollout can be in, in one cluster:
 * - complete: every replica runs the current version and is available;
 * - progressing: a rollout (or a canary) is under way;
 * - paused: a rollout waits for promote or abort;
 * - stalled: the rollout passed its progress deadline;
 * - failing: pods of the current version are not serving (crash loop, image pull, ...);
 * - aborted: an Argo Rollout was aborted; the stable version serves, the new one is scaled down;
 * - scaled-down: deployed at zero replicas (for example a DR pilot light);
 * - not-deployed: no workload with this service's label.
 * @public
 */
export type RolloutState =
  | 'complete'
  | 'progressing'
  | 'paused'
  | 'stalled'
  | 'failing'
  | 'aborted'
  | 'scaled-down'
  | 'not-deployed';

/** @public */
export interface RolloutStatus {
  state: RolloutState;
  /** The state in words, for the UI and for task logs. */
  summary: string;
  strategy: Strategy;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** Available replicas of the current version, as a share of desired (0–100). */
  progressPercent: number;
  currentImage?: string;
  currentVersion?: string;
  previousImage?: string;
  previousVersion?: string;
  /** Share of ready replicas that run the canary (canary strategy only). */
  canaryWeightPercent?: number;
  problems: PodProblem[];
  hpa?: CompactHpa;
  revisions: RolloutRevision[];
  /** When the rollout last changed (Progressing condition, else the newest revision). */
  lastChangeAt?: string;
  /** Set when an Argo Rollout runs the service in this cluster. */
  argo?: ArgoRolloutDetail;
}

function detectStrategy(deployments: CompactDeployment[]): Strategy {
  const tracks = new Set(deployments.map(d => d.track));
  if (tracks.has(TRACKS.blue) || tracks.has(TRACKS.green)) return 'blue-green';
  if (tracks.has(TRACKS.canary)) return 'canary';
  return 'rolling';
}

/** The Deployment that serves: the live colour, the stable track, or the only one. */
function primaryOf(
  deployments: CompactDeployment[],
  strategy: Strategy,
): CompactDeployment {
  const byReady = [...deployments].sort(
    (a, b) =>
      b.desired - a.desired ||
      b.ready - a.ready ||
      a.name.localeCompare(b.name),
  );
  if (strategy === 'canary')
    return deployments.find(d => d.track === TRACKS.stable) ?? byReady[0];
  return byReady[0];
}

function condition(deployment: CompactDeployment, type: string) {
  return deployment.conditions.find(c => c.type === type);
}

/**
 * Derives a service's rollout in one cluster from its workloads. Pure and deterministic:
 * the same objects and time give the same status.
 * @public
 */
export function computeRollout(
  workloads: ServiceWorkloads,
  now: number,
): RolloutStatus {
  const { deployments, replicaSets, pods, hpas } = workloads;
  const strategy = detectStrategy(deployments);
  const empty: RolloutStatus = {
    state: 'not-deployed',
    summary: 'not deployed in this cluster',
    strategy,
    desired: 0,
    updated: 0,
    ready: 0,
    available: 0,
    progressPercent: 0,
    problems: [],
    revisions: [],
  };
  if (deployments.length === 0) return empty;
  // A service mid-migration may keep a Deployment beside its Rollout: the Rollout serves.
  const rollout = deployments.find(d => d.argo);
  if (rollout) return computeArgoRollout(rollout, workloads, empty, now);

  const primary = primaryOf(deployments, strategy);
  const canary =
    strategy === 'canary'
      ? deployments.find(d => d.track === TRACKS.canary)
      : undefined;
  const canaryActive = Boolean(canary && canary.desired > 0);
  const revisions = revisionsOf(primary, replicaSets);
  const current = revisions[0];
  const previous = revisions.find(
    r => r.image !== (current?.image ?? primary.image),
  );

  // Pods of the current version that do not serve tell why a rollout fails.
  const currentRs = replicaSets.filter(
    rs => rs.ownerUid === primary.uid && rs.revision === current?.revision,
  );
  const watchedOwners = new Set([
    ...currentRs.map(rs => rs.uid),
    ...(canaryActive
      ? replicaSets.filter(rs => rs.ownerUid === canary!.uid).map(rs => rs.uid)
      : []),
  ]);
  const problems = pods
    .filter(p => p.ownerUid && watchedOwners.has(p.ownerUid))
    .map(p => podProblem(p, now))
    .filter((p): p is PodProblem => Boolean(p));

  const desired = primary.desired;
  const available = primary.available;
  const updatedAvailable = Math.min(primary.updated, available);
  const base: RolloutStatus = {
    ...empty,
    strategy,
    desired,
    updated: primary.updated,
    ready: primary.ready,
    available,
    progressPercent:
      desired > 0 ? Math.round((100 * updatedAvailable) / desired) : 100,
    currentImage: primary.image,
    currentVersion: versionOfImage(primary.image),
    previousImage: previous?.image,
    previousVersion: previous ? versionOfImage(previous.image) : undefined,
    problems,
    hpa: hpas.find(h => h.targetName === primary.name),
    revisions,
    lastChangeAt:
      condition(primary, 'Progressing')?.lastUpdateTime ?? current?.createdAt,
  };

  if (canaryActive && canary) {
    const totalReady = primary.ready + canary.ready;
    base.canaryWeightPercent =
      totalReady > 0 ? Math.round((100 * canary.ready) / totalReady) : 0;
    base.currentImage = canary.image;
    base.currentVersion = versionOfImage(canary.image);
    base.previousImage = primary.image;
    base.previousVersion = versionOfImage(primary.image);
  }

  return {
    ...base,
    ...stateOf(primary, base, canaryActive ? canary : undefined),
  };
}

function stateOf(
  primary: CompactDeployment,
  status: RolloutStatus,
  canary: CompactDeployment | undefined,
): Pick<RolloutStatus, 'state' | 'summary'> {
  const progressing = condition(primary, 'Progressing');
  const version = status.currentVersion ?? 'the new version';
  const firstProblem = status.problems[0];
  const problemWords = firstProblem
    ? `${firstProblem.pod}: ${firstProblem.reason}${
        firstProblem.restarts ? ` (${firstProblem.restarts} restarts)` : ''
      }`
    : undefined;

  if (primary.desired === 0 && !canary) {
    return { state: 'scaled-down', summary: 'deployed at zero replicas' };
  }
  if (
    progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded'
  ) {
    return {
      state: 'stalled',
      summary: `rollout of ${version} passed its progress deadline${
        problemWords ? `; ${problemWords}` : ''
      }`,
    };
  }
  if (primary.paused || (canary && canary.paused)) {
    return {
      state: 'paused',
      summary: `rollout of ${version} is paused, waiting for promote or abort`,
    };
  }
  if (firstProblem) {
    return {
      state: 'failing',
      summary: `${version} is not serving: ${problemWords}`,
    };
  }
  if (canary) {
    return {
      state: 'progressing',
      summary: `canary ${version} takes ${status.canaryWeightPercent}% of ready replicas`,
    };
  }
  const settled =
    (primary.observedGeneration ?? 0) >= primary.generation &&
    primary.updated === primary.desired &&
    primary.available >= primary.desired &&
    primary.replicas === primary.desired;
  if (!settled) {
    return {
      state: 'progressing',
      summary: `rolling out ${version}: ${primary.updated}/${primary.desired} updated, ${primary.available} available`,
    };
  }
  return {
    state: 'complete',
    summary: `${version} on ${primary.available}/${primary.desired} replicas`,
  };
}
