import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { RolloutState } from '@internal/backstage-plugin-delivery-common';

/** A rollout state in words, as its label says it. */
export const STATE_WORDS: Record<RolloutState, string> = {
  complete: 'Complete',
  progressing: 'Progressing',
  paused: 'Paused',
  stalled: 'Stalled',
  failing: 'Failing',
  aborted: 'Aborted',
  'scaled-down': 'Scaled down',
  'not-deployed': 'Not deployed',
};

/** A rollout state in words and colour, as the status components of Backstage draw them. */
export function RolloutStateLabel({ state }: { state: RolloutState }) {
  const words = STATE_WORDS[state];
  switch (state) {
    case 'complete':
      return <StatusOK>{words}</StatusOK>;
    case 'progressing':
      return <StatusRunning>{words}</StatusRunning>;
    case 'paused':
      return <StatusPending>{words}</StatusPending>;
    case 'stalled':
    case 'failing':
      return <StatusError>{words}</StatusError>;
    // Aborted: the new version is scaled down and the stable one serves.
    case 'aborted':
    case 'scaled-down':
      return <StatusWarning>{words}</StatusWarning>;
    default:
      return <StatusAborted>{words}</StatusAborted>;
  }
}

/** "5m ago", "3h ago", "2d ago". */
export function ago(iso: string | undefined, now: number): string {
  if (!iso) return '-';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '-';
  if (seconds < 90) return `${seconds}s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours}h ago`;
  return `${Math.round(hours / 24)}d ago`;
}
