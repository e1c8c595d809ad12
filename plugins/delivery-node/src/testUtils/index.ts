/**
 * What the Delivery packages' tests share.
 *
 * @packageDocumentation
 */

export { databaseReleasedOnShutdown } from './databaseReleasedOnShutdown';
export { eventually } from './eventually';
export {
  authNamingCallingPlugin,
  authNamingCallingPluginOf,
} from './authNamingCallingPlugin';
export { catalogModuleWithEntities } from './catalogModuleWithEntities';
export { capturedAuditLog } from './capturedAuditLog';
export type { AuditLine } from './capturedAuditLog';
export {
  grantsNotUsed,
  mergeServed,
  rbacRolesNamed,
  readRbacManifests,
  requestsNotAllowed,
} from './rbacManifests';
export type { RbacRole, ServedRequests } from './rbacManifests';
