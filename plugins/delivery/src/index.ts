/**
 * Delivery frontend: the Delivery tab and overview page.
 *
 * The main entry serves apps on the legacy frontend system; the new frontend system
 * imports `@internal/backstage-plugin-delivery/alpha`.
 *
 * @packageDocumentation
 */

export {
  deliveryPlugin,
  DeliveryPage,
  EntityDeliveryContent,
  deliveryRootRouteRef,
} from './plugin';
export {
  DeliveryAtLeastFieldExtension,
  DeliveryCostEstimateFieldExtension,
} from './scaffolder/legacyFieldExtensions';
export { deliveryApiRef, DeliveryClient } from './api';
export type { DeliveryApi } from './api';
export { DeliverySetupCard } from './components/DeliverySetupCard';
export { ServiceDeliveryCard } from './components/ServiceDeliveryCard';
export { RunHistoryCard } from './components/RunHistoryCard';
export { DoraCard } from './components/DoraCard';
