/**
 * Services and extension points for the Delivery backend and its modules.
 *
 * @packageDocumentation
 */

export { deliveryConfigServiceRef } from './config/deliveryConfigServiceRef';
export { readDeliveryConfig } from './config/readDeliveryConfig';
export type { DeliveryConfig } from './config/readDeliveryConfig';
export { LocalGitRepositories } from './localGit/LocalGitRepositories';
export type { PublishedRepository } from './localGit/LocalGitRepositories';
export { kubeConfigFor } from './clusters/ClusterConnection';
export type { ClusterConnection } from './clusters/ClusterConnection';
export { readClusterConnections } from './clusters/readClusterConnections';
export { listFiles } from './files/listFiles';
export { authorizeEntity } from './permissions/authorizeEntity';
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
export { KubernetesDrDatabaseProvider } from './dr/kubernetes/KubernetesDrDatabaseProvider';
export { KubernetesDrDnsProvider } from './dr/kubernetes/KubernetesDrDnsProvider';
export {
  KubernetesRequestError,
  describeKubernetesFailure,
} from './dr/kubernetes/KubernetesRequestError';
export type { KubernetesDrProviderOptions } from './dr/kubernetes/KubernetesDrProviderOptions';
export type {
  ClusterPrices,
  MeasuredCost,
  CostSource,
} from './cost/CostSource';
export { deliveryCostSourcesExtensionPoint } from './cost/costSourcesExtensionPoint';
export type { DeliveryCostSourcesExtensionPoint } from './cost/costSourcesExtensionPoint';
export { readCostConfig, applyOverride } from './cost/readCostConfig';
export type {
  CostConfig,
  OpenCostConfig,
  PriceOverride,
} from './cost/readCostConfig';
export { DEFAULT_PRICES } from './cost/defaultPrices';
export { ConfiguredPricesSource } from './cost/ConfiguredPricesSource';
export { OpenCostSource } from './cost/OpenCostSource';
export type { OpenCostSourceOptions } from './cost/OpenCostSource';
export {
  CostSourceRegistry,
  builtInCostSources,
} from './cost/CostSourceRegistry';
