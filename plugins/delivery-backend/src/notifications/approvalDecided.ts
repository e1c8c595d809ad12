import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import { DeliveryNotification } from './DeliveryNotification';
import { deliveryTabLink, nameOf } from './deliveryLinks';
import { DELIVERY_TOPICS } from './topics';

/**
 * An approval request was approved or rejected: to the requester, whose failover task
 * goes on or stops with it. Undefined for a request that is not decided.
 */
export function approvalDecided(
  approval: DrApproval,
): DeliveryNotification | undefined {
  const { status } = approval;
  if (status !== 'approved' && status !== 'rejected') return undefined;
  const name = nameOf(approval.entityRef);
  return {
    kind: 'approvalDecided',
    dedupeKey: `approvalDecided:${approval.id}`,
    entityRef: approval.entityRef,
    recipients: [approval.requestedBy],
    payload: {
      title: `Your ${approval.mode} of ${name} in ${approval.environment} was ${status}`,
      description: `${
        approval.decidedBy ?? 'A member of the platform team'
      } ${status} the ${approval.mode} of ${approval.entityRef} in ${
        approval.environment
      }${
        status === 'approved'
          ? '; the failover task goes on.'
          : '; the failover task stops without changing anything.'
      }`,
      link: deliveryTabLink(approval.entityRef),
      severity: status === 'rejected' ? 'high' : 'normal',
      topic: DELIVERY_TOPICS.approvals,
    },
  };
}
