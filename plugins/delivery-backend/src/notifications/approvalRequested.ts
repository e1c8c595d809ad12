import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import { DeliveryNotification } from './DeliveryNotification';
import { deliveryTabLink, nameOf } from './deliveryLinks';
import { DELIVERY_TOPICS } from './topics';

/**
 * A production switchover or failover waits for a second member of the platform team: to
 * the platform team's groups, without the requester (who may not decide their own), with
 * a link to the service's Delivery tab, where its Actions card has Approve and Reject.
 */
export function approvalRequested(
  approval: DrApproval,
  platformTeams: string[],
): DeliveryNotification {
  const name = nameOf(approval.entityRef);
  return {
    kind: 'approvalRequested',
    dedupeKey: `approvalRequested:${approval.id}`,
    entityRef: approval.entityRef,
    recipients: platformTeams,
    excluded: [approval.requestedBy],
    payload: {
      title: `Approve or reject the ${approval.mode} of ${name} in ${approval.environment}`,
      description: `${approval.requestedBy} asks for a ${approval.mode} of ${approval.entityRef} in ${approval.environment}: "${approval.reason}". A second member of the platform team must decide before ${approval.expiresAt}, on the Actions card of its Delivery tab.`,
      link: deliveryTabLink(approval.entityRef),
      severity: 'high',
      topic: DELIVERY_TOPICS.approvals,
    },
  };
}
