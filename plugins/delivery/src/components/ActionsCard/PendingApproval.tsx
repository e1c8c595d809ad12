import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
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
    <Box
      component="section"
      aria-label={`${title}, awaiting approval`}
      border={1}
      borderColor="warning.main"
      borderRadius={4}
      padding={1.5}
      marginBottom={1}
    >
      <Box display="flex" alignItems="center" gridGap={8}>
        <Typography variant="subtitle2" component="h4">
          {title}
        </Typography>
        <Chip size="small" label="awaiting approval" />
      </Box>
      <Typography variant="body2" color="textSecondary">
        Asked by {userName(approval.requestedBy)}{' '}
        <span title={approval.requestedAt}>
          {ago(approval.requestedAt, now)}
        </span>{' '}
        ·{' '}
        <span title={approval.expiresAt}>
          {expiresIn(approval.expiresAt, now)}
        </span>
      </Typography>
      <Typography
        variant="body2"
        component="blockquote"
        style={{ margin: '8px 0' }}
      >
        {approval.reason}
      </Typography>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <Button
          size="small"
          variant="contained"
          color="primary"
          disabled={disabled}
          onClick={() => decide('approve')}
          aria-label={`Approve ${title}`}
        >
          Approve
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={disabled}
          onClick={() => decide('reject')}
          aria-label={`Reject ${title}`}
        >
          Reject
        </Button>
        {refusal && (
          <Typography variant="caption" color="textSecondary">
            {refusal}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
