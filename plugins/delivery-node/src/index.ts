/**
 * Services and extension points for the Delivery backend and its modules.
 *
 * @packageDocumentation
 */

export { deliveryConfigServiceRef } from './config/deliveryConfigServiceRef';
export { readDeliveryConfig } from './config/readDeliveryConfig';
export type { DeliveryConfig } from './config/readDeliveryConfig';
export * from './freezes';
export { readGitOpsConfig } from './config/readGitOpsConfig';
export {
  DELIVERY_NOTIFICATION_KINDS,
  readNotificationsConfig,
} from './config/readNotificationsConfig';
export type {
  DeliveryNotificationKind,
  NotificationsConfig,
} from './config/readNotificationsConfig';
export {
  DEFAULT_PLATFORM_TEAMS,
  readPlatformTeams,
} from './config/readPlatformTeams';
export type { GitOpsConfig } from './config/readGitOpsConfig';
export { readDoraConfig } from './config/readDoraConfig';
export type { DoraConfig } from './config/readDoraConfig';
export {
  DEFAULT_PRODUCTION_MUTABLE_TAGS,
  DEFAULT_PRODUCTION_SOAK_MINUTES,
} from './config/readEnvironmentPolicies';
export type {
  EnvironmentPolicies,
  ImagePolicy,
  PromotionPolicy,
} from './config/readEnvironmentPolicies';
export { LocalGitRepositories } from './localGit/LocalGitRepositories';
export type { PublishedRepository } from './localGit/LocalGitRepositories';
export { kubeConfigFor } from './clusters/ClusterConnection';
export type { ClusterConnection } from './clusters/ClusterConnection';
export { readClusterConnections } from './clusters/readClusterConnections';
export { ClusterDirectory } from './clusters/ClusterDirectory';
export type { ClusterDirectoryChange } from './clusters/ClusterDirectory';
export { ClusterCredentials } from './clusters/ClusterCredentials';
export type {
  ClusterAccess,
  ClusterCredentialSource,
} from './clusters/ClusterCredentials';
export { createClusterAuthStrategy } from './clusters/authStrategies';
export { CLIENT_SIDE_AUTH_PROVIDERS } from './clusters/clusterAuth';
export type { ClusterAuth } from './clusters/clusterAuth';
export { listFiles } from './files/listFiles';
export { authorizeEntity } from './permissions/authorizeEntity';
export {
  appliesLocally,
  CATALOG_RULE_FIELDS,
  meetsConditions,
} from './permissions/catalogRules';
export * from './audit';
export type {
  DrSide,
  DrTarget,
  DrDatabaseInstance,
  DrDatabaseState,
  DrSnapshot,
  DrDrillCopy,
  DrDatabaseProvider,
  DrDnsRecord,
  DrDnsChange,
  DrDnsProvider,
} from './dr/DrProvider';
export { deliveryDrProvidersExtensionPoint } from './dr/drProvidersExtensionPoint';
export type { DeliveryDrProvidersExtensionPoint } from './dr/drProvidersExtensionPoint';
export { resolveDrTarget } from './dr/resolveDrTarget';
export type {
  ClusterPrices,
  MeasuredCost,
  CostSource,
} from './cost/CostSource';
export { deliveryCostSourcesExtensionPoint } from './cost/costSourcesExtensionPoint';
export type { DeliveryCostSourcesExtensionPoint } from './cost/costSourcesExtensionPoint';
export { readCostConfig } from './cost/config/readCostConfig';
export type { CostConfig } from './cost/config/readCostConfig';
export { applyOverride } from './cost/config/prices';
export type { PriceOverride } from './cost/config/prices';
export type { OpenCostConfig } from './cost/config/opencost';
export { DEFAULT_PRICES } from './cost/defaultPrices';
