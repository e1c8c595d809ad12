import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DrDatabaseProvider, DrDnsProvider } from './DrProvider';

/**
 * Lets backend modules of the Delivery plugin add DR providers. The plugin picks the ones
 * `delivery.dr.databaseProvider` and `delivery.dr.dnsProvider` name (default `kubernetes`,
 * which the plugin provides itself).
 * @public
 */
export interface DeliveryDrProvidersExtensionPoint {
  addDatabaseProvider(provider: DrDatabaseProvider): void;
  addDnsProvider(provider: DrDnsProvider): void;
}

/** @public */
export const deliveryDrProvidersExtensionPoint =
  createExtensionPoint<DeliveryDrProvidersExtensionPoint>({
    id: 'delivery.dr-providers',
  });
