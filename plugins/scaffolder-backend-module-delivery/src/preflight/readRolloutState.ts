import { V1Deployment } from '@kubernetes/client-node';

/** Whether a Deployment has settled, and if not, where it stands, in words. */
export type RolloutState =
  | { settled: true }
  | {
      settled: false;
      /** "2 of 4 replicas updated, generation 7 not yet observed". */
      state: string;
    };

/**
 * Reads a Deployment the way `kubectl rollout status` does: settled when its newest
 * generation is observed, every replica runs the newest template and is available, no old
 * replica is left, and it is not paused. A paused Deployment, or one whose rollout passed its
 * progress deadline, is not settled either: someone has a change half-way.
 */
export function readRolloutState(deployment: V1Deployment): RolloutState {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const total = status.replicas ?? 0;
  const generation = deployment.metadata?.generation ?? 0;
  const observed = status.observedGeneration ?? 0;
  const words: string[] = [];
  if (deployment.spec?.paused) words.push('paused (spec.paused)');
  if (updated < desired)
    words.push(`${updated} of ${desired} replicas updated`);
  if (available < desired) words.push(`${available} of ${desired} available`);
  if (total > updated)
    words.push(
      `${total - updated} old ${
        total - updated === 1 ? 'replica' : 'replicas'
      } still running`,
    );
  if (observed < generation)
    words.push(`generation ${generation} not yet observed`);
  const progressing = status.conditions?.find(c => c.type === 'Progressing');
  if (
    progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded'
  )
    words.push('its progress deadline passed');
  return words.length
    ? { settled: false, state: words.join(', ') }
    : { settled: true };
}
