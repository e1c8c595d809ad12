import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/** How often the Delivery actions read what they wait for. */
export interface DeliveryActionPolling {
  /**
   * Between two reads of a rollout, a scale, a migration Job or a failover step. Unset,
   * each action keeps its own default (2 s for rollouts, 1 s for Jobs and failover
   * steps); tests against the sandbox fleet read more often.
   */
  pollMs?: number;
}

/**
 * The Delivery actions' polling interval, a service so that a backend (a test's) can
 * replace it with `deliveryActionPollingFactory`; by default each action's own.
 */
export const deliveryActionPollingServiceRef =
  createServiceRef<DeliveryActionPolling>({
    id: 'delivery.action-polling',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({ service, deps: {}, factory: () => ({}) }),
  });

/** A backend feature that sets the Delivery actions' polling interval. */
export function deliveryActionPollingFactory(polling: DeliveryActionPolling) {
  return createServiceFactory({
    service: deliveryActionPollingServiceRef,
    deps: {},
    factory: () => polling,
  });
}
