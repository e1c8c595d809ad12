import {
  actionVerb,
  DeliveryRun,
  FAILOVER_ACTION,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryNotification } from './DeliveryNotification';
import { runSummarySentence } from './runSummary';
import { deliveryTabLink, nameOf } from './deliveryLinks';
import { DELIVERY_TOPICS } from './topics';

/**
 * The runs that change what a production environment serves: a deploy, and the promote or
 * rollback that completes or undoes one, and a failover or switchover. A DR drill switches
 * throwaway copies, so it is not one.
 */
const CHANGES_PRODUCTION = new Set([
  'deploy',
  'promote',
  'rollback',
  FAILOVER_ACTION,
]);

function changesProduction(
  run: DeliveryRun,
  productionEnvironments: readonly string[],
): boolean {
  if (!productionEnvironments.includes(run.environment)) return false;
  if (!CHANGES_PRODUCTION.has(run.action)) return false;
  const mode = (run.inputs as Record<string, unknown> | undefined)?.mode;
  return !(run.action === FAILOVER_ACTION && mode === 'drill');
}

const OUTCOME: Record<DeliveryRun['status'], string> = {
  running: 'is running',
  succeeded: 'succeeded',
  failed: 'failed',
  aborted: 'was aborted',
  paused: 'is paused, waiting for promote or abort',
};

/**
 * A production deploy or failover ended, whatever its outcome: to the service's owners, who
 * hear of every change to what their users get. Undefined for any other run.
 */
export function productionChange(
  run: DeliveryRun,
  owners: string[],
  productionEnvironments: readonly string[],
): DeliveryNotification | undefined {
  if (!changesProduction(run, productionEnvironments)) return undefined;
  const name = nameOf(run.entityRef);
  const verb = actionVerb(run.action);
  return {
    kind: 'productionChange',
    dedupeKey: `productionChange:${run.id}`,
    entityRef: run.entityRef,
    recipients: owners,
    payload: {
      title: `Production: the run to ${verb} ${name} in ${run.environment} ${
        OUTCOME[run.status]
      }`,
      description: `${runSummarySentence(run)} Started by ${run.initiatedBy}.`,
      link: deliveryTabLink(run.entityRef),
      severity:
        run.status === 'succeeded' || run.status === 'paused'
          ? 'normal'
          : 'high',
      topic: DELIVERY_TOPICS.runs,
    },
  };
}
