import {
  BackendFeature,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogModuleWithEntities } from '@internal/backstage-plugin-delivery-node/testUtils';
import permissionModuleDeliveryPolicy from '@internal/backstage-plugin-permission-backend-module-delivery-policy';
import { exampleCatalogEntities, ownershipOf } from './exampleCatalog';

/**
 * The user info the permission backend resolves a caller with: the user and the groups the
 * example catalog makes them a member of, as Backstage's sign-in resolves ownership refs.
 * (The mock user info service knows a user's own ref only.)
 */
const userInfoFromExampleCatalog = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as BackstageUserPrincipal;
      return { userEntityRef, ownershipEntityRefs: ownershipOf(userEntityRef) };
    },
  }),
});

/**
 * The whole permission framework as a portal runs it: the real catalog backend holding the
 * example catalog (services, teams, users) and `entities` (templates), the real permission
 * backend with Delivery's policy module installed, and the user info sign-in would give.
 * A conditional decision (ownership) goes from the permission backend to the catalog's
 * apply-conditions endpoint, as in production. Use with `catalog: 'from-features'`.
 */
export function realPermissionFramework(entities: Entity[]): BackendFeature[] {
  return [
    catalogBackend,
    // The catalog takes Template entities only with the scaffolder's entity model.
    catalogModuleScaffolderEntityModel,
    catalogModuleWithEntities([...exampleCatalogEntities(), ...entities]),
    permissionBackend,
    permissionModuleDeliveryPolicy,
    userInfoFromExampleCatalog,
  ];
}

/** The config the framework needs: permissions on, and the catalog taking every kind used. */
export const REAL_PERMISSION_FRAMEWORK_CONFIG = {
  permission: { enabled: true },
  catalog: {
    rules: [
      {
        allow: [
          'Component',
          'System',
          'Domain',
          'Resource',
          'API',
          'Group',
          'User',
          'Template',
          'Location',
        ],
      },
    ],
  },
};
