/**
 * How many replicas an HPA runs at a given load, which is why requests cannot be right-sized
 * on their own when an HPA scales the Deployment.
 *
 * The HPA's utilisation is usage / request, and at steady state it runs
 *
 *   replicas = ceil(total usage / (request x target))      bounded by [min, max]
 *
 * for each resource metric it has, taking the largest. Lowering the request at the same load
 * raises the utilisation, so the HPA adds replicas: halve a 1000m request at a 70 % target
 * and 2800m of load goes from 4 pods to 8. The CPU it reserves (replicas x request) stays
 * about load / target, and every extra pod still pays for its memory. What decides the
 * Deployment's CPU bill is the target, and the request only where the HPA sits at its
 * minimum. The HPA's 10 % tolerance band is left out: this is the count it settles at, not
 * the path it takes there.
 */
import type { RightSizingSettings } from './rightSizingTypes';

/** The Deployment's summed usage at one instant. @public */
export interface TotalLoad {
  cpuMillicores: number;
  memoryBytes: number;
}

/** An HPA's replica bounds. @public */
export interface HpaBounds {
  min: number;
  max: number;
}

/** What the HPA would run, and what it would want before its maximum caps it. @public */
export interface ReplicaEstimate {
  replicas: number;
  /** Above `replicas` when the HPA is pinned at its maximum. */
  desired: number;
}

/** Ceil that ignores the float dust of 0.7 x 1000 = 700.0000000001. */
const ceil = (value: number) => Math.ceil(value - 1e-9);

function desiredFor(load: number, request: number, target: number): number {
  if (load <= 0) return 0;
  if (request <= 0) return Number.POSITIVE_INFINITY;
  return ceil((load * 100) / (request * target));
}

/**
 * Replicas an HPA with these bounds runs at this load with these requests and targets.
 * Without a CPU or memory target the requests do not move it: `current` stays.
 * @public
 */
export function hpaReplicasAt(
  load: TotalLoad,
  settings: RightSizingSettings,
  bounds: HpaBounds,
  current: number,
): ReplicaEstimate {
  const wanted: number[] = [];
  if (settings.cpuTargetPercent !== undefined) {
    wanted.push(
      desiredFor(
        load.cpuMillicores,
        settings.cpuMillicores,
        settings.cpuTargetPercent,
      ),
    );
  }
  if (settings.memoryTargetPercent !== undefined) {
    wanted.push(
      desiredFor(
        load.memoryBytes,
        settings.memoryBytes,
        settings.memoryTargetPercent,
      ),
    );
  }
  const desired = wanted.length > 0 ? Math.max(...wanted) : current;
  return {
    desired,
    replicas: Math.min(bounds.max, Math.max(bounds.min, desired)),
  };
}

/** Pinned: the HPA wants more replicas than its maximum, so pods run above the target. */
export function isPinned(estimate: ReplicaEstimate, bounds: HpaBounds) {
  return estimate.desired > bounds.max;
}
