import { CompactPod } from './types';

/** A pod that is not serving, and the reason Kubernetes gives. @public */
export interface PodProblem {
  pod: string;
  container: string;
  /** CrashLoopBackOff, ImagePullBackOff, ErrImagePull, OOMKilled, NotReady, ... */
  reason: string;
  message?: string;
  restarts: number;
}

const WAITING_PROBLEMS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
]);

/** How long a running container may stay unready before its probes count as failing. */
const READINESS_GRACE_MS = 60_000;

/**
 * Why a pod does not serve, or undefined when it does (or is still starting normally).
 * OOMKilled shows through the last termination of a container that keeps restarting.
 * @public
 */
export function podProblem(
  pod: CompactPod,
  now: number,
): PodProblem | undefined {
  for (const container of pod.containers) {
    const base = {
      pod: pod.name,
      container: container.name,
      restarts: container.restarts,
    };
    if (
      container.waitingReason &&
      WAITING_PROBLEMS.has(container.waitingReason)
    ) {
      const reason =
        container.waitingReason === 'CrashLoopBackOff' &&
        container.lastTerminatedReason === 'OOMKilled'
          ? 'OOMKilled'
          : container.waitingReason;
      return { ...base, reason, message: container.waitingMessage };
    }
    if (
      container.terminatedReason === 'OOMKilled' ||
      container.terminatedReason === 'Error'
    ) {
      return { ...base, reason: container.terminatedReason };
    }
    if (
      !container.ready &&
      container.startedAt &&
      now - Date.parse(container.startedAt) > READINESS_GRACE_MS &&
      pod.phase === 'Running'
    ) {
      return {
        ...base,
        reason: 'NotReady',
        message: 'running, but its readiness probe is failing',
      };
    }
  }
  if (pod.phase === 'Failed') {
    return {
      pod: pod.name,
      container: pod.containers[0]?.name ?? '',
      reason: 'Failed',
      restarts: 0,
    };
  }
  return undefined;
}
