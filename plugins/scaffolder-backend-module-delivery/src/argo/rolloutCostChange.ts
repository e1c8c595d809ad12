import {
  PodChange,
  podRequestsOf,
} from '@internal/backstage-plugin-delivery-common';
import { PAUSE_PRICED_HOURS } from '../actions/deploy/deployCostChange';
import { canaryStepsOf } from './rolloutProgress';
import { RolloutTarget } from './rolloutTargets';

/**
 * The pods a deploy to a Rollout runs beside what runs now, priced at their longest as a
 * Delivery deploy's are (deployCostChange): blue-green's preview at full size, canary's
 * pods at its highest weight (Argo scales the canary up before stable down), for the
 * rollout timeout, plus {@link PAUSE_PRICED_HOURS} when a step pauses with no end.
 */
export function rolloutCostChange(
  targets: RolloutTarget[],
  rolloutTimeoutSeconds: number,
): PodChange[] {
  return targets.map(({ cluster, rollout }) => {
    const replicas = rollout.spec.replicas ?? 1;
    const steps = canaryStepsOf(rollout);
    const weights = steps.flatMap(s =>
      s.setWeight === undefined ? [] : [s.setWeight],
    );
    const extra = rollout.spec.strategy?.blueGreen
      ? replicas
      : Math.ceil((replicas * Math.max(0, ...weights)) / 100);
    const waitsForPromotion =
      Boolean(rollout.spec.strategy?.blueGreen) ||
      steps.some(s => s.pause && s.pause.duration === undefined);
    return {
      cluster: cluster.name,
      ...podRequestsOf(rollout.spec.template?.spec),
      replicas: extra,
      hours:
        rolloutTimeoutSeconds / 3600 +
        (waitsForPromotion ? PAUSE_PRICED_HOURS : 0),
    };
  });
}
