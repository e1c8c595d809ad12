import { ArgoRollout } from './argoRollout';
import { RolloutTarget } from './rolloutTargets';

/**
 * One change an action makes to one Rollout, checked and ready to send: what it sends,
 * how a lost answer is settled, and the state the action waits for afterwards.
 */
export interface RolloutChange {
  target: RolloutTarget;
  /** What it does, for the log: "promote step 1/6 (weight 25)", "undo to revision 3". */
  describe: string;
  /** Sends the patch or patches (`kubectl argo rollouts` sends the same). */
  send(): Promise<void>;
  /**
   * Whether a Rollout read after a lost answer shows the change made, so it is not sent
   * twice (a promotion sent twice would skip the next pause too).
   */
  applied(now: ArgoRollout): boolean;
  /** What is waited for after it, in words, for a timeout's message. */
  waitingFor: string;
  /** The Rollout has reached where the change takes it (or failed on the way). */
  reached(now: ArgoRollout): boolean;
}
