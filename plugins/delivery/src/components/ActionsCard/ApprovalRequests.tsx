import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import { Alert, Button, Text } from '@backstage/ui';
import { useState } from 'react';
import { deliveryApiRef } from '../../api';
import { ago } from '../RolloutCard/RolloutState';
import { approvalTitle, messageOf, outcomeText } from './approvalText';
import { PendingApproval } from './PendingApproval';
import { useApprovals } from './useApprovals';

/** What the user's last decision came to, shown until the next one. */
type Notice = { ok: boolean; text: string };

const PAST = { approved: 'approved', rejected: 'rejected' } as const;

/**
 * The service's production failovers waiting for a second member of the platform team,
 * with Approve and Reject, and the last few decided or expired ones under "Recent".
 * Nothing is drawn when the service has none; a failure to read them is a message with a
 * retry, and leaves the rest of the card alone.
 */
export function ApprovalRequests({ entityRef }: { entityRef: string }) {
  const api = useApi(deliveryApiRef);
  const { state, retry } = useApprovals(entityRef);
  const [notice, setNotice] = useState<Notice>();
  const now = Date.now();

  const decide = async (
    approval: DrApproval,
    decision: 'approve' | 'reject',
  ) => {
    const title = approvalTitle(approval);
    try {
      const decided = await api.decideApproval({ id: approval.id, decision });
      setNotice({
        ok: true,
        text:
          decided.status === 'approved' || decided.status === 'rejected'
            ? `You ${PAST[decided.status]} the ${title.toLocaleLowerCase(
                'en-US',
              )}.`
            : `The ${title.toLocaleLowerCase('en-US')} is ${decided.status}.`,
      });
    } catch (error) {
      setNotice({
        ok: false,
        text: `Could not ${decision} the ${title.toLocaleLowerCase(
          'en-US',
        )}: ${messageOf(error as Error)}`,
      });
    }
    // Either way the list changed: decided by the user, or by someone quicker.
    retry();
  };

  if (state.loading) {
    return <Progress aria-label="Loading failover approvals" />;
  }
  if (state.error) {
    return (
      <Alert
        status="danger"
        role="alert"
        mb="4"
        title={`Could not load the failover approvals: ${messageOf(
          state.error,
        )}`}
        customActions={
          <Button
            size="small"
            variant="secondary"
            onPress={retry}
            aria-label="Load the failover approvals again"
          >
            Try again
          </Button>
        }
      />
    );
  }
  const approvals = state.value ?? [];
  const pending = approvals.filter(a => a.status === 'pending');
  const recent = approvals.filter(a => a.status !== 'pending');
  if (approvals.length === 0 && !notice) return null;

  return (
    <section
      aria-label="Failover approvals"
      style={{ marginBottom: 'var(--bui-space-4)' }}
    >
      <Text as="h3" variant="body-large" weight="bold">
        Failover approvals
      </Text>
      {notice && (
        <Text
          as="p"
          variant="body-medium"
          role="status"
          color={notice.ok ? 'primary' : 'danger'}
        >
          {notice.text}
        </Text>
      )}
      {pending.length === 0 && (
        <Text as="p" variant="body-medium" color="secondary">
          No failover is waiting for approval.
        </Text>
      )}
      {pending.map(approval => (
        <PendingApproval
          key={approval.id}
          approval={approval}
          now={now}
          onDecide={decision => decide(approval, decision)}
        />
      ))}
      {recent.length > 0 && (
        <>
          <Text as="h4" variant="body-medium" weight="bold">
            Recent
          </Text>
          <ul aria-label="recent approval requests" style={{ marginTop: 4 }}>
            {recent.map(approval => (
              <li key={approval.id}>
                <Text variant="body-medium">
                  {approvalTitle(approval)}: {outcomeText(approval)}{' '}
                  {ago(approval.decidedAt ?? approval.expiresAt, now)}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
