/**
 * What tests of other Delivery packages share with this module's: a backend running the
 * Delivery actions against the sandbox fleet, and the whole permission framework over the
 * example catalog.
 *
 * @packageDocumentation
 */

export {
  startDeliveryActionsBackend,
  startSandboxFleet,
  deployTemplate,
  TEST_ACTION_POLL_MS,
} from './startDeliveryActionsBackend';
export type {
  DeliveryActionsBackend,
  TestEnvironment,
} from './startDeliveryActionsBackend';
export {
  realPermissionFramework,
  REAL_PERMISSION_FRAMEWORK_CONFIG,
} from './realPermissionFramework';
export { exampleCatalogEntities, ownershipOf } from './exampleCatalog';
export { clusterWritesDuring } from './clusterWrites';
