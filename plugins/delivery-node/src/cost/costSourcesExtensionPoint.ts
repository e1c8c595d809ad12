import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { CostSource } from './CostSource';

/**
 * Lets backend modules of the Delivery plugin add cost sources. The plugin uses the one
 * `delivery.cost.source` names (default `configured`; `opencost` when
 * `delivery.cost.opencost` is set, both provided by the plugin itself).
 * @public
 */
export interface DeliveryCostSourcesExtensionPoint {
  addCostSource(source: CostSource): void;
}

/** @public */
export const deliveryCostSourcesExtensionPoint =
  createExtensionPoint<DeliveryCostSourcesExtensionPoint>({
    id: 'delivery.cost-sources',
  });
