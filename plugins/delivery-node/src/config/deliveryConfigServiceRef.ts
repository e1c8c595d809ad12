import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DeliveryConfig, readDeliveryConfig } from './readDeliveryConfig';

/**
 * The validated `delivery.*` configuration, shared by the Delivery backend plugin and the
 * Delivery scaffolder module so both agree on environments and clusters. Root-scoped: it
 * is read and checked once per backend, and a bad value stops the backend at start-up.
 * @public
 */
export const deliveryConfigServiceRef = createServiceRef<DeliveryConfig>({
  id: 'delivery.config',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => readDeliveryConfig(config),
    }),
});
