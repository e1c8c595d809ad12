/**
 * The sandbox fleet: local Kubernetes API servers that simulate the example fleet.
 *
 * @packageDocumentation
 */
export { Fleet } from './fleet/Fleet';
export type { FleetOptions, FleetMember } from './fleet/Fleet';
export type { ClusterSpec } from './fleet/Cluster';
export type { PortalConfigOptions } from './fleet/kubeconfig';
export type { LocalImages } from './sim/localImages';
export {
  DEFAULT_CLUSTERS,
  DEFAULT_ADMIN_PORT,
  clustersOnFreePorts,
} from './fleet/defaults';
export type { FaultAction, FaultRuleInput } from './admin/faults';
export { benchmarkClusters, spreadPlacement } from './fleet/benchmarkFleet';
export { ARGO_ROLLOUT_SERVICE } from './seed/scenarios';
export { syntheticCatalog } from './seed/syntheticCatalog';
export type {
  SyntheticCatalog,
  SyntheticEntity,
} from './seed/syntheticCatalog';
export {
  createTestRollout,
  testRolloutObjects,
  DEFAULT_TEST_CANARY_STEPS,
} from './fleet/testRollouts';
export type { TestRolloutOptions } from './fleet/testRollouts';
