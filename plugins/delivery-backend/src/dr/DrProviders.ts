import type {
  DeliveryConfig,
  DeliveryDrProvidersExtensionPoint,
  DrDatabaseProvider,
  DrDnsProvider,
} from '@internal/backstage-plugin-delivery-node';

/** The DR providers the backend uses: the ones `delivery.dr` names. */
export interface DrProviders {
  database: DrDatabaseProvider;
  dns: DrDnsProvider;
}

/**
 * Collects the DR providers: the plugin's built-in ones and those backend modules add
 * through `deliveryDrProvidersExtensionPoint`. Two providers of one kind with the same id
 * are refused, so it is never a matter of start-up order which one is used.
 */
export class DrProviderRegistry implements DeliveryDrProvidersExtensionPoint {
  private readonly databases = new Map<string, DrDatabaseProvider>();
  private readonly dnses = new Map<string, DrDnsProvider>();

  addDatabaseProvider(provider: DrDatabaseProvider): void {
    add(this.databases, provider, 'database');
  }

  addDnsProvider(provider: DrDnsProvider): void {
    add(this.dnses, provider, 'DNS');
  }

  /**
   * The providers `delivery.dr.databaseProvider` and `delivery.dr.dnsProvider` name. Throws
   * at start-up, naming the key and the known ids, when one names no registered provider:
   * a failover must never find out halfway that its provider is missing.
   */
  select(config: DeliveryConfig['dr']): DrProviders {
    return {
      database: pick(
        this.databases,
        config.databaseProvider,
        'delivery.dr.databaseProvider',
      ),
      dns: pick(this.dnses, config.dnsProvider, 'delivery.dr.dnsProvider'),
    };
  }
}

function add<T extends { id: string }>(
  providers: Map<string, T>,
  provider: T,
  kind: string,
) {
  if (providers.has(provider.id)) {
    throw new Error(
      `A DR ${kind} provider with id "${provider.id}" is already registered`,
    );
  }
  providers.set(provider.id, provider);
}

function pick<T>(providers: Map<string, T>, id: string, key: string): T {
  const provider = providers.get(id);
  if (!provider) {
    const known = [...providers.keys()];
    throw new Error(
      `${key} "${id}" is not a registered DR provider; known: ${
        known.length ? known.join(', ') : 'none'
      } (a backend module adds others through deliveryDrProvidersExtensionPoint)`,
    );
  }
  return provider;
}
