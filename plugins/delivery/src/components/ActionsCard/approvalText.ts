import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  DrApproval,
  DrFailoverMode,
} from '@internal/backstage-plugin-delivery-common';

const MODE: Record<DrFailoverMode, string> = {
  drill: 'Drill',
  switchover: 'Switchover',
  failover: 'Failover',
};

/** "Switchover of production". */
export function approvalTitle(approval: DrApproval): string {
  return `${MODE[approval.mode] ?? approval.mode} of ${approval.environment}`;
}

/** A user ref as people read it: `alice` for `user:default/alice`. */
export function userName(ref: string | undefined): string {
  if (!ref) return 'someone';
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'user' });
  } catch {
    return ref;
  }
}

/** The same user, whatever case each side spelled the ref in. */
export function sameUser(a: string | undefined, b: string | undefined) {
  return (
    a !== undefined &&
    b !== undefined &&
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}

/** What a decided or expired request came to: "approved by bob", "expired". */
export function outcomeText(approval: DrApproval): string {
  switch (approval.status) {
    case 'approved':
      return `approved by ${userName(approval.decidedBy)}`;
    case 'rejected':
      return `rejected by ${userName(approval.decidedBy)}`;
    case 'expired':
      return 'expired without a decision';
    default:
      return 'awaiting approval';
  }
}

/** The backend's own sentence for a refused request, else the error's message. */
export function messageOf(error: Error): string {
  const body = (error as { body?: { error?: { message?: unknown } } }).body;
  const message = body?.error?.message;
  return typeof message === 'string' ? message : error.message;
}
