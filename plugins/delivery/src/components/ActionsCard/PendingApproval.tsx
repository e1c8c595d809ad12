import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import { Button, Flex, Tag, TagGroup, Text } from '@backstage/ui';
import { useState } from 'react';
import { ago } from '../RolloutCard/RolloutState';
import { approvalTitle, sameUser, userName } from './approvalText';
import { expiresIn } from './approvalTimes';
import { ApprovalRights, useApprovalRights } from './useApprovalRights';

/** Why Approve and Reject are disabled for this user, or undefined when they are not. */
function whyNot(approval: DrApproval, rights: ApprovalRights) {
  if (rights.loading) return undefined;
  if (sameUser(approval.requestedBy, rights.userEntityRef)) {
    return `You asked for this ${approval.mode}: a second member of the platform team must approve or reject it.`;
  }
  if (!rights.allowed) {
    return 'Only the platform team can approve or reject a failover.';
  }
  return undefined;
}

/**
 * One request waiting for a second member of the platform team: what, where, who asked
 * and why, how long ago and how long it has left, and Approve / Reject for a user who
 * may decide it, or the reason they may not.
 */
export function PendingApproval(props: {
  approval: DrApproval;
  now: number;
  /** Records the decision; the outcome, or why it was refused, is the caller's to show. */
  onDecide: (decision: 'approve' | 'reject') => Promise<void>;
}) {
  const { approval, now, onDecide } = props;
  const rights = useApprovalRights(approval.entityRef);
  const [deciding, setDeciding] = useState(false);
  const title = approvalTitle(approval);
  const refusal = whyNot(approval, rights);
  const disabled = rights.loading || deciding || refusal !== undefined;

  const decide = async (decision: 'approve' | 'reject') => {
    setDeciding(true);
    try {
      await onDecide(decision);
    } finally {
      setDeciding(false);
    }
  };

  return (
    <section
      aria-label={`${title}, awaiting approval`}
      style={{
        border: '1px solid var(--bui-warning-border)',
        borderRadius: 'var(--bui-radius-3)',
        padding: 'var(--bui-space-3)',
        marginBottom: 'var(--bui-space-2)',
      }}
    >
      <Flex align="center" gap="2">
        <Text as="h4" variant="body-large" weight="bold">
          {title}
        </Text>
        <TagGroup aria-label="request state">
          <Tag id="awaiting" size="small">
            awaiting approval
          </Tag>
        </TagGroup>
      </Flex>
      <Text as="p" variant="body-medium" color="secondary">
        Asked by {userName(approval.requestedBy)}{' '}
        <span title={approval.requestedAt}>
          {ago(approval.requestedAt, now)}
        </span>{' '}
        ·{' '}
        <span title={approval.expiresAt}>
          {expiresIn(approval.expiresAt, now)}
        </span>
      </Text>
      <blockquote style={{ margin: 'var(--bui-space-2) 0' }}>
        <Text variant="body-medium">{approval.reason}</Text>
      </blockquote>
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <Button
          size="small"
          variant="primary"
          isDisabled={disabled}
          onPress={() => decide('approve')}
          aria-label={`Approve ${title}`}
        >
          Approve
        </Button>
        <Button
          size="small"
          variant="secondary"
          isDisabled={disabled}
          onPress={() => decide('reject')}
          aria-label={`Reject ${title}`}
        >
          Reject
        </Button>
        {refusal && (
          <Text variant="body-small" color="secondary">
            {refusal}
          </Text>
        )}
      </Flex>
    </section>
  );
}
