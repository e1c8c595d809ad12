import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * A catalog module whose entity provider hands the catalog `entities` in one full
 * mutation when the catalog connects it, as an ingestion provider (GitHub, LDAP) does:
 * the entities then go through the catalog's own processing and stitching.
 */
export function catalogModuleWithEntities(entities: Entity[]) {
  const provider: EntityProvider = {
    getProviderName: () => 'delivery-test-services',
    async connect(connection: EntityProviderConnection) {
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
          entity,
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
