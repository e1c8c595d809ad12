import {
  dataOf,
  DeliveryRun,
} from '@internal/backstage-plugin-delivery-common';
import type { PreflightContext } from '../actions/frame/hooks';

/**
 * How many recent runs are read: enough to find the running one (the lock allows one per
 * service and environment) and the last deploy, promote or abort among other environments'.
 */
const RECENT_RUNS = 50;

/** The service's recent runs in the action's environment, newest first (the run store's order). */
export async function runsOfEnvironment({
  plan,
  deps,
}: Pick<PreflightContext, 'plan' | 'deps'>): Promise<DeliveryRun[]> {
  const { items } = dataOf(
    await deps.delivery.request('get', '/runs', {
      params: { query: { entityRef: plan.entityRef, limit: RECENT_RUNS } },
    }),
  );
  return items.filter(run => run.environment === plan.environment.name);
}
