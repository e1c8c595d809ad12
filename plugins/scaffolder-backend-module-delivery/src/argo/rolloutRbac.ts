/**
 * What Delivery's service account needs on Argo Rollouts in each cluster, per action, as
 * the actions call the API (KubeCluster): every action on a service lists its Rollouts
 * (in every namespace) and reads them while it follows them; promote, abort and retry
 * patch the `status` subresource as the upstream CLI does, and patch the Rollout itself
 * where the controller serves no status subresource (Argo Rollouts before v0.10) or for a
 * promote of a Rollout paused by hand (`spec.paused`); rollback and deploy patch its pod
 * template; rollback also lists the Rollout's ReplicaSets for their templates. The docs'
 * RBAC table (docs/argo-rollouts-actions.md) is checked against this list.
 */
export interface RbacRule {
  apiGroup: string;
  resource: string;
  verbs: string[];
}

const READ: RbacRule = {
  apiGroup: 'argoproj.io',
  resource: 'rollouts',
  verbs: ['get', 'list'],
};
const PATCH_STATUS: RbacRule = {
  apiGroup: 'argoproj.io',
  resource: 'rollouts/status',
  verbs: ['patch'],
};
const PATCH: RbacRule = {
  apiGroup: 'argoproj.io',
  resource: 'rollouts',
  verbs: ['patch'],
};
const REPLICA_SETS: RbacRule = {
  apiGroup: 'apps',
  resource: 'replicasets',
  verbs: ['list'],
};

/** Per run-history action name, the rules it needs on Rollouts and their ReplicaSets. */
export const ARGO_ROLLOUTS_RBAC: Record<string, RbacRule[]> = {
  promote: [READ, PATCH_STATUS, PATCH],
  abort: [READ, PATCH_STATUS, PATCH],
  retry: [READ, PATCH_STATUS, PATCH],
  rollback: [READ, PATCH, REPLICA_SETS],
  deploy: [READ, PATCH],
  // Every other action on a service reads them to find out whether Argo runs it.
  'every other action': [READ],
};
