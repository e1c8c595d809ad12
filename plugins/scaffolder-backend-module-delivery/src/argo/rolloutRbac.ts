/**
 * What Delivery's service account needs on Argo Rollouts in each cluster, per action, as
 * the actions call the API (KubeCluster): every action on a service's workloads lists its
 * Rollouts (in every namespace); the actions on a Rollout read it while they follow it;
 * promote, abort and retry
 * patch the `status` subresource as the upstream CLI does, and patch the Rollout itself
 * where the controller serves no status subresource (Argo Rollouts before v0.10) or for a
 * promote of a Rollout paused by hand (`spec.paused`); rollback and deploy patch its pod
 * template; rollback also lists the Rollout's ReplicaSets for their templates (through
 * the reader's grant). The table in docs/argo-rollouts-actions.md is checked against this
 * list; the roles an operator applies are docs/rbac.md's, checked against the requests the
 * actions make on the sandbox fleet (src/rbac/rbacManifests.test.ts).
 */
export interface RbacRule {
  apiGroup: string;
  resource: string;
  verbs: string[];
}

const FIND: RbacRule = {
  apiGroup: 'argoproj.io',
  resource: 'rollouts',
  verbs: ['list'],
};
const GET: RbacRule = {
  apiGroup: 'argoproj.io',
  resource: 'rollouts',
  verbs: ['get'],
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
  // Every action on a service's workloads lists them, cluster-wide, to find out whether
  // Argo Rollouts run it (docs/rbac.md: the reader's grant).
  'every action on workloads': [FIND],
  promote: [GET, PATCH_STATUS, PATCH],
  abort: [GET, PATCH_STATUS, PATCH],
  retry: [GET, PATCH_STATUS, PATCH],
  rollback: [GET, PATCH, REPLICA_SETS],
  deploy: [GET, PATCH],
};
