import { ANNOTATION_ALLOW_DIRECT_CHANGES } from '@internal/backstage-plugin-delivery-common';
import type {
  PreflightCheck,
  PreflightContext,
  PreflightFinding,
} from '../actions/frame/hooks';
import { findGitOpsOwner } from './findGitOpsOwner';

/** Actions that switch a blue-green service's Services from one colour to the other. */
const SWITCHES_SERVICES = ['deploy', 'promote', 'rollback'];

/**
 * Actions that change an Argo Rollout's spec (its pod template), which a GitOps controller
 * would put back; promote, abort and retry write its status, which GitOps leaves alone.
 */
const CHANGES_ROLLOUT_SPEC = ['deploy', 'rollback', 'scale'];

/** Each object the action may change that a GitOps controller owns, in words. */
function ownedObjects(context: PreflightContext): string[] {
  const { plan, action, deps } = context;
  const extra = deps.config.gitops.fieldManagers;
  const switchesServices =
    plan.strategy === 'blue-green' && SWITCHES_SERVICES.includes(action);
  const changesRollouts = CHANGES_ROLLOUT_SPEC.includes(action);
  return plan.workloads.flatMap(
    ({ cluster, deployments, services, rollouts }) =>
      [
        ...deployments.map(o => ({ kind: 'Deployment', o })),
        ...(switchesServices
          ? services.map(o => ({ kind: 'Service', o }))
          : []),
        ...(changesRollouts ? rollouts.map(o => ({ kind: 'Rollout', o })) : []),
      ].flatMap(({ kind, o }) => {
        const owner = findGitOpsOwner(o.metadata, extra);
        return owner
          ? [
              `${cluster.name}: ${kind} ${o.metadata?.namespace}/${o.metadata?.name} is managed by ${owner.owner} (${owner.evidence})`,
            ]
          : [];
      }),
  );
}

/**
 * `gitops-owner`: refuses, and the platform team cannot override it, to change a workload a
 * GitOps controller (Argo CD, Flux, or a field manager in `delivery.gitops.fieldManagers`)
 * manages: the controller would put it back, or fight the change. What to do instead: dispatch
 * the service's CI workflow, or change the GitOps repository. A service whose catalog entity
 * says `delivery/allow-direct-changes: "true"` opts in to direct changes.
 */
export const gitopsOwnerCheck: PreflightCheck = {
  name: 'gitops-owner',
  actions: ['deploy', 'scale', 'rollback', 'promote', 'abort', 'migrate'],
  async check(context): Promise<PreflightFinding> {
    if (context.readOnly) return { passed: 'a read changes nothing' };
    const owned = ownedObjects(context);
    if (!owned.length)
      return { passed: 'no GitOps controller manages the workloads' };
    const optedIn =
      context.plan.annotations[ANNOTATION_ALLOW_DIRECT_CHANGES] === 'true';
    if (optedIn)
      return {
        passed: `${owned.join(
          '; ',
        )}; changed directly anyway, as the service allows (${ANNOTATION_ALLOW_DIRECT_CHANGES}: "true")`,
        recorded: { allowDirectChanges: true },
      };
    return {
      refusal: `${owned.join(
        '; ',
      )}. A direct change would be reverted by the controller: dispatch the service's CI workflow (delivery:workflow:dispatch) or change the GitOps repository instead`,
      overridable: false,
    };
  },
};
