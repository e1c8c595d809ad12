import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { deliveryPermissions } from '@internal/backstage-plugin-delivery-common';
import { deliveryConfigServiceRef } from '@internal/backstage-plugin-delivery-node';
import { createRouter } from './router';
import { RunStore } from './runs/RunStore';

/**
 * The Delivery backend plugin: serves `/api/delivery`.
 *
 * @public
 */
export const deliveryPlugin = createBackendPlugin({
  pluginId: 'delivery',
  register(env) {
    env.registerInit({
      deps: {
        deliveryConfig: deliveryConfigServiceRef,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        deliveryConfig,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(deliveryPermissions);
        const runStore = await RunStore.create({ database });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            config: deliveryConfig,
            runStore,
          }),
        );
        logger.info('Delivery backend ready', {
          environments: deliveryConfig.environments.map(e => e.name).join(','),
          clusters: deliveryConfig.clusters.length,
        });
      },
    });
  },
});
