import { ActionFailure, ActionOutcome } from '../actions/frame';
import { DeployStep } from '../workloads/DeployStep';
import {
  applyRolloutChanges,
  describeMoves,
  failedMoves,
  RolloutMove,
  statusAfter,
} from './applyRolloutChanges';
import { RolloutChange } from './rolloutChange';
import { canaryStepsOf, describeStep } from './rolloutProgress';

/**
 * An action's part on Argo Rollouts, start to end: the changes applied and followed
 * (applyRolloutChanges), then the outcome in words ("promoted capsight-backend in staging
 * from step 1/6 (weight 25) to step 3/6 (weight 50, paused)"); a run that should have
 * moved a Rollout forward and left it aborted or degraded fails saying so. The run is
 * `paused` while a Rollout waits at a pause.
 */
export async function performRolloutChanges(options: {
  /** The run history's name: promote, abort, retry, rollback, deploy. */
  action: string;
  /** The outcome's verb: "promoted", "aborted", "retried", "rolled back", "deployed". */
  done: string;
  changes: RolloutChange[];
  step: DeployStep;
  service: string;
  environment: string;
  /** Where a step promotion started, as a step ("step 1/6 (weight 25)"). */
  fromStep?: boolean;
  /** True when an aborted Rollout afterwards is what was asked for (abort). */
  abortExpected?: boolean;
}): Promise<ActionOutcome> {
  const moves = await applyRolloutChanges(
    options.action,
    options.changes,
    options.step,
  );
  // "from step 1/6 (weight 25)": the step left, without the pause that was cleared.
  const from = (m: RolloutMove) => {
    const before = m.change.target.rollout;
    return options.fromStep && canaryStepsOf(before).length
      ? describeStep(before)
      : m.from;
  };
  const summary = `${options.done} ${describeMoves(
    moves,
    options.service,
    options.environment,
    from,
  )}`;
  const failed = options.abortExpected ? undefined : failedMoves(moves);
  if (failed) throw new ActionFailure(`${summary}. ${failed}`, undefined);
  return { summary, status: statusAfter(moves) };
}
