import {
  DELIVERY_FIELD_MANAGER,
  DeliveryRun,
} from '@internal/backstage-plugin-delivery-common';
import { JsonObject } from '@backstage/types';
import type {
  PreflightCheck,
  PreflightContext,
  PreflightFinding,
} from '../actions/frame/hooks';
import {
  describeRolloutState,
  isAborted,
  updateInFlight,
} from '../argo/rolloutProgress';
import { describeLastChange, lastChangeOf } from './lastChange';
import { readRolloutState } from './readRolloutState';
import { runsOfEnvironment } from './runsOfEnvironment';

/** A Deployment (or Argo Rollout) of the service that has not settled, and who changed it last. */
interface Unsettled {
  cluster: string;
  namespace: string;
  name: string;
  state: string;
  changedBy?: string;
  changedAt?: string;
  /** Set for an Argo Rollout, whose update is promoted or aborted rather than waited out. */
  kind?: 'Rollout';
}

/**
 * The service's Argo Rollouts with an update in flight (not aborted: an aborted update
 * has stopped), and who changed their spec last: promote, abort and retry write only the
 * status, which is the controller's report, not a change.
 */
function unsettledRollouts(context: PreflightContext): Unsettled[] {
  return context.plan.workloads.flatMap(({ cluster, rollouts }) =>
    rollouts
      .filter(r => updateInFlight(r) && !isAborted(r))
      .map(r => {
        const change = lastChangeOf(r.metadata);
        return {
          cluster: cluster.name,
          namespace: r.metadata.namespace ?? '',
          name: r.metadata.name ?? '',
          state: describeRolloutState(r),
          ...(change
            ? { changedBy: change.manager, changedAt: change.time }
            : {}),
          kind: 'Rollout' as const,
        };
      }),
  );
}

function unsettledDeployments(context: PreflightContext): Unsettled[] {
  return context.plan.workloads.flatMap(({ cluster, deployments }) =>
    deployments.flatMap(deployment => {
      const rollout = readRolloutState(deployment);
      if (rollout.settled) return [];
      const change = lastChangeOf(deployment.metadata);
      return [
        {
          cluster: cluster.name,
          namespace: deployment.metadata?.namespace ?? '',
          name: deployment.metadata?.name ?? '',
          state: rollout.state,
          ...(change
            ? { changedBy: change.manager, changedAt: change.time }
            : {}),
        },
      ];
    }),
  );
}

const describe = (u: Unsettled) =>
  `${u.cluster}: ${u.kind ?? 'Deployment'} ${u.namespace}/${
    u.name
  } is still rolling out (${u.state}${
    u.kind
      ? '; promote or abort it first (delivery:service:promote, :abort)'
      : ''
  }); ${describeLastChange(
    u.changedBy ? { manager: u.changedBy, time: u.changedAt! } : undefined,
  )}`;

/**
 * A blue-green or canary deploy that Delivery paused and nobody promoted or aborted since:
 * the newest deploy, promote, abort or rollback run of the environment is a paused deploy.
 */
function pausedDeploy(runs: DeliveryRun[]): DeliveryRun | undefined {
  const newest = runs.find(run =>
    ['deploy', 'promote', 'abort', 'rollback'].includes(run.action),
  );
  return newest?.action === 'deploy' && newest.status === 'paused'
    ? newest
    : undefined;
}

/**
 * `rollout-in-progress`: refuses (overridable) to act on a service whose Deployment is still
 * rolling out from someone else's change, naming the object, its state and who changed it
 * last, so two people never push one Deployment two ways at once. For a deploy, a
 * blue-green or canary deploy paused for promotion counts as in progress too.
 *
 * Not a conflict, and so passed: the rollout of this task's own run (a recovered task), a
 * rollout whose last change is Delivery's own (the tail of a finished run, e.g. a colour
 * scaling down, or a failed rollout a new deploy or a rollback is meant to replace), and
 * one belonging to another running Delivery run, which the run lock refuses by name.
 *
 * Not applied to promote and abort: they act on a paused rollout on purpose, and abort is
 * how a stuck one is stopped.
 */
export const rolloutInProgressCheck: PreflightCheck = {
  name: 'rollout-in-progress',
  actions: ['deploy', 'scale', 'rollback', 'migrate'],
  async check(context): Promise<PreflightFinding> {
    if (context.readOnly) return { passed: 'a read changes nothing' };
    const runs = await runsOfEnvironment(context);
    const running = runs.filter(run => run.status === 'running');
    const own = running.find(run => run.taskId === context.taskId);
    if (own)
      return {
        passed: `this task's own run ${own.id} is still running (the task was recovered); its rollout is not a conflict`,
      };

    if (context.action === 'deploy') {
      const paused = pausedDeploy(runs);
      if (paused) {
        const image =
          typeof paused.inputs.image === 'string'
            ? ` of ${paused.inputs.image}`
            : '';
        return {
          refusal: `the deploy${image} to ${paused.environment} (run ${paused.id}, started by ${paused.initiatedBy} at ${paused.startedAt}) is paused and awaits promote or abort; promote it (delivery:service:promote) or abort it (delivery:service:abort) first`,
          overridable: true,
          recorded: { pausedRun: paused.id },
        };
      }
    }

    const unsettled = [
      ...unsettledDeployments(context),
      ...unsettledRollouts(context),
    ];
    if (!unsettled.length)
      return { passed: 'every Deployment of the service has settled' };
    const other = running[0];
    if (other)
      return {
        passed: `the rollout belongs to ${other.action} run ${other.id}, still running; the run lock decides`,
      };
    const theirs = unsettled.filter(
      u => u.changedBy !== DELIVERY_FIELD_MANAGER,
    );
    if (!theirs.length)
      return {
        passed: `${unsettled
          .map(u => `${u.cluster}: ${u.namespace}/${u.name}`)
          .join(
            ', ',
          )} still settling from Delivery's own last change, not someone else's`,
      };
    return {
      refusal: `${theirs
        .map(describe)
        .join(
          '; ',
        )}. Wait until the rollout finishes (kubectl rollout status) or is undone, then try again`,
      overridable: true,
      recorded: {
        deployments: theirs as unknown as JsonObject[],
      },
    };
  },
};
