import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  DeliveryHealth,
  DeliveryRun,
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
}

/** @public */
export const deliveryApiRef = createApiRef<DeliveryApi>().with({
  id: 'plugin.delivery.api',
  pluginId: 'delivery',
});
