import { InputError } from '@backstage/errors';
import { RolloutTarget, targetName } from './rolloutTargets';

/**
 * Inputs that drive Delivery's own canary and blue-green, which do not run where Argo
 * Rollouts run the service: refused naming the field (an input the action cannot honour
 * is never dropped), with what the Rollout does instead.
 */
const DELIVERY_ONLY: Record<string, string> = {
  smokeUrl:
    "the Rollout's own steps and analysis decide (Delivery's smoke check does not run)",
  keepPreviousSeconds:
    'the Rollout keeps and scales down its previous ReplicaSet itself',
  canarySteps: "the Rollout's strategy.canary.steps set the weights",
  canaryPauseSeconds: "the Rollout's pause steps set how long a weight is held",
  pauseForPromotion: "the Rollout's pause steps say where it waits for promote",
  strategy: "the Rollout's own strategy runs the update",
};

export function refuseDeliveryOnlyInputs(
  asked: Record<string, unknown>,
  targets: RolloutTarget[],
): void {
  for (const [field, instead] of Object.entries(DELIVERY_ONLY)) {
    const value = asked[field];
    if (value === undefined || value === null || value === false) continue;
    throw new InputError(
      `${field}: Argo Rollouts run the service (${targets
        .map(targetName)
        .join(
          ', ',
        )}), so ${field} cannot be honoured: ${instead}; leave it out`,
    );
  }
}
