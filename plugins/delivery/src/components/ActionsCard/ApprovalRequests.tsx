import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
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
      <Box marginBottom={2} role="alert">
        <Typography variant="body2" color="error">
          Could not load the failover approvals: {messageOf(state.error)}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          onClick={retry}
          aria-label="Load the failover approvals again"
        >
          Try again
        </Button>
      </Box>
    );
  }
  const approvals = state.value ?? [];
  const pending = approvals.filter(a => a.status === 'pending');
  const recent = approvals.filter(a => a.status !== 'pending');
  if (approvals.length === 0 && !notice) return null;

  return (
    <Box component="section" aria-label="Failover approvals" marginBottom={2}>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Failover approvals
      </Typography>
      {notice && (
        <Typography
          variant="body2"
          role="status"
          color={notice.ok ? 'textPrimary' : 'error'}
          paragraph
        >
          {notice.text}
        </Typography>
      )}
      {pending.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No failover is waiting for approval.
        </Typography>
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
          <Typography variant="subtitle2" component="h4">
            Recent
          </Typography>
          <ul aria-label="recent approval requests" style={{ marginTop: 4 }}>
            {recent.map(approval => (
              <li key={approval.id}>
                <Typography variant="body2" component="span">
                  {approvalTitle(approval)}: {outcomeText(approval)}{' '}
                  {ago(approval.decidedAt ?? approval.expiresAt, now)}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
    </Box>
  );
}
