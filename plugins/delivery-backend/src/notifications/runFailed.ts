import {
  actionVerb,
  DeliveryRun,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryNotification } from './DeliveryNotification';
import { runSummarySentence } from './runSummary';
import { deliveryTabLink, nameOf } from './deliveryLinks';
import { DELIVERY_TOPICS } from './topics';

/**
 * A delivery run that ended failed or aborted: to the service's owners, with the run's
 * own summary of what happened. Undefined for a run that ended otherwise.
 */
export function runFailed(
  run: DeliveryRun,
  owners: string[],
): DeliveryNotification | undefined {
  if (run.status !== 'failed' && run.status !== 'aborted') return undefined;
  const name = nameOf(run.entityRef);
  const ended = run.status === 'failed' ? 'failed' : 'was aborted';
  return {
    kind: 'runFailed',
    dedupeKey: `runFailed:${run.id}`,
    entityRef: run.entityRef,
    recipients: owners,
    payload: {
      title: `Could not ${actionVerb(run.action)} ${name} in ${
        run.environment
      }: the run ${ended}`,
      description: `${runSummarySentence(run)} Started by ${
        run.initiatedBy
      }; the run history on the Delivery tab has its steps.`,
      link: deliveryTabLink(run.entityRef),
      severity: run.status === 'failed' ? 'high' : 'normal',
      topic: DELIVERY_TOPICS.runs,
    },
  };
}
