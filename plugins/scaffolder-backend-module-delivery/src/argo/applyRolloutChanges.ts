import { UnknownOutcomeError } from '../kube/kubeCall';
import { DeployStep } from '../workloads/DeployStep';
import { ArgoRollout, rolloutName } from './argoRollout';
import { RolloutChange } from './rolloutChange';
import { describeRolloutState, isAborted, isPaused } from './rolloutProgress';
import { targetName } from './rolloutTargets';
import { waitForRolloutState } from './waitForRolloutState';

/** Where one Rollout stood before a change and stands after it. */
export interface RolloutMove {
  change: RolloutChange;
  from: string;
  to: string;
  after: ArgoRollout;
}

/**
 * Sends each change once (a checkpoint per Rollout, so a retried or recovered task never
 * sends it again) and follows the Rollout until it has reached where the change takes it.
 * A lost answer is settled by reading the Rollout: a change it shows made is not sent
 * again; one it does not show is reported, never repeated blind.
 */
export async function applyRolloutChanges(
  verb: string,
  changes: RolloutChange[],
  step: DeployStep,
): Promise<RolloutMove[]> {
  const moves: RolloutMove[] = [];
  for (const change of changes) {
    const { cluster, rollout } = change.target;
    const namespace = rollout.metadata.namespace!;
    const name = rollout.metadata.name!;
    step.signal?.throwIfAborted();
    await step.checkpoint(
      `${verb}.${cluster.name}.${namespace}.${name}.v1`,
      async () => {
        try {
          await change.send();
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) throw error;
          const now = await cluster.readRollout(namespace, name);
          if (!change.applied(now))
            throw new Error(
              `${targetName(change.target)}: the answer to "${
                change.describe
              }" was lost and the Rollout does not show it (${describeRolloutState(
                now,
              )}); nothing was sent again: run the action again`,
            );
          step.logger.warn(
            `${targetName(change.target)}: the answer to "${
              change.describe
            }" was lost; the Rollout shows it made, so it is not sent again`,
          );
        }
      },
    );
    step.logger.info(`${targetName(change.target)}: ${change.describe}`);
    const after = await waitForRolloutState({
      cluster,
      namespace,
      name,
      step,
      waitingFor: change.waitingFor,
      reached: change.reached,
    });
    moves.push({
      change,
      from: describeRolloutState(rollout),
      to: describeRolloutState(after),
      after,
    });
  }
  return moves;
}

/** The run's status after the moves: paused while a Rollout waits at a pause. */
export const statusAfter = (moves: RolloutMove[]) =>
  moves.some(m => isPaused(m.after) && !isAborted(m.after))
    ? ('paused' as const)
    : ('succeeded' as const);

/**
 * The moves in words: "capsight-backend in staging from step 1/6 (weight 25) to step 3/6
 * (weight 50, paused)" for one Rollout, each Rollout named when there are more.
 */
export function describeMoves(
  moves: RolloutMove[],
  service: string,
  environment: string,
  from: (move: RolloutMove) => string = m => m.from,
): string {
  if (moves.length === 1)
    return `${service} in ${environment} from ${from(moves[0])} to ${
      moves[0].to
    }`;
  return `${service} in ${environment}: ${moves
    .map(
      m =>
        `${m.change.target.cluster.name}/${rolloutName(
          m.change.target.rollout,
        )} from ${from(m)} to ${m.to}`,
    )
    .join('; ')}`;
}

/**
 * Moves that ended aborted or degraded when the change was meant to take the Rollout
 * forward (a failed analysis aborts it), in words: the run fails with them.
 */
export function failedMoves(moves: RolloutMove[]): string | undefined {
  const failed = moves.filter(
    m => isAborted(m.after) || m.after.status?.phase === 'Degraded',
  );
  if (!failed.length) return undefined;
  return failed
    .map(
      m =>
        `${targetName(m.change.target)} is ${m.to} after "${
          m.change.describe
        }": look at its AnalysisRuns and pods, then retry (delivery:service:retry) or roll back (delivery:service:rollback)`,
    )
    .join('; ');
}
