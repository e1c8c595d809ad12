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
} from '../__testUtils__/startDeliveryActionsBackend';
export type {
  DeliveryActionsBackend,
  TestEnvironment,
} from '../__testUtils__/startDeliveryActionsBackend';
export {
  realPermissionFramework,
  REAL_PERMISSION_FRAMEWORK_CONFIG,
} from '../__testUtils__/realPermissionFramework';
export {
  exampleCatalogEntities,
  ownershipOf,
} from '../__testUtils__/exampleCatalog';
export { clusterWritesDuring } from '../__testUtils__/clusterWrites';
