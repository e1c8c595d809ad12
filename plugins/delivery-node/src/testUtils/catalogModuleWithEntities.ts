import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** Where the provider says its entities come from, as the catalog requires of every entity. */
const PROVIDER_LOCATION = 'url:https://example.com/delivery-test-services';

/** The entity with the location annotations a provider sets, unless it has its own. */
function located(entity: Entity): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        'backstage.io/managed-by-location': PROVIDER_LOCATION,
        'backstage.io/managed-by-origin-location': PROVIDER_LOCATION,
        ...entity.metadata.annotations,
      },
    },
  };
}

/**
 * A catalog module whose entity provider hands the catalog `entities` in one full
 * mutation when the catalog connects it, as an ingestion provider (GitHub, LDAP) does:
 * the entities then go through the catalog's own processing and stitching. Entities
 * without location annotations get the provider's (the catalog drops them otherwise).
 */
export function catalogModuleWithEntities(entities: Entity[]) {
  const provider: EntityProvider = {
    getProviderName: () => 'delivery-test-services',
    async connect(connection: EntityProviderConnection) {
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
          entity: located(entity),
          locationKey: 'delivery-test-services',
        })),
      });
    },
  };
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'delivery-test-services',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
}
