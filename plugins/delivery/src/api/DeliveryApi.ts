import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  DeliveryHealth,
  DeliveryRun,
  DeliveryOverview,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';

/**
 * Client for the Delivery backend (`/api/delivery`).
 * @public
 */
export interface DeliveryApi {
  getHealth(): Promise<DeliveryHealth>;
  listRuns(options: {
    entityRef: string;
    limit?: number;
  }): Promise<DeliveryRun[]>;
  /** The entity's rollout in every cluster, from the backend's cache. */
  getRollouts(options: { entityRef: string }): Promise<EntityRollouts>;
  /** Every readable service in every cluster, from the backend's cache. */
  getOverview(): Promise<DeliveryOverview>;
}

/** @public */
export const deliveryApiRef = createApiRef<DeliveryApi>().with({
  id: 'plugin.delivery.api',
  pluginId: 'delivery',
});
