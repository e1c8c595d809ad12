import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { deliveryPermissions } from '@internal/backstage-plugin-delivery-common';
import {
  deliveryConfigServiceRef,
  LocalGitRepositories,
  readClusterConnections,
} from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from './cache/ClusterCache';
import {
  createRepositoryRouter,
  REPOSITORIES_PATH,
} from './repositories/createRepositoryRouter';
import { createRouter } from './router';
import { OverviewService } from './rollouts/OverviewService';
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
        rootConfig: coreServices.rootConfig,
        deliveryConfig: deliveryConfigServiceRef,
        database: coreServices.database,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({
        rootConfig,
        deliveryConfig,
        database,
        auth,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        catalog,
      }) {
        permissionsRegistry.addPermissions(deliveryPermissions);
        const runStore = await RunStore.create({ database });

        const connections = readClusterConnections(
          rootConfig,
          deliveryConfig,
          logger,
        );
        const cache = connections.length
          ? new ClusterCache(connections, logger)
          : undefined;
        if (cache) {
          // In the background: an unreachable cluster must not hold up the backend's start.
          cache
            .start()
            .then(() =>
              logger.info('Delivery cache: first lists done', {
                clusters: connections.length,
              }),
            )
            .catch(error =>
              logger.error('Delivery cache failed to start', error),
            );
          lifecycle.addShutdownHook(() => cache.stop());
        }

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            config: deliveryConfig,
            runStore,
            cache,
            overview: new OverviewService({
              auth,
              catalog,
              permissions,
              cache,
            }),
          }),
        );
        const { localPublishDirectory } = deliveryConfig.goldenPath;
        if (localPublishDirectory) {
          httpRouter.use(
            createRepositoryRouter(
              new LocalGitRepositories(localPublishDirectory),
            ),
          );
          httpRouter.addAuthPolicy({
            path: REPOSITORIES_PATH,
            allow: 'unauthenticated',
          });
          logger.info(
            `Local publish target: repositories in ${localPublishDirectory}`,
          );
        }
        logger.info('Delivery backend ready', {
          environments: deliveryConfig.environments.map(e => e.name).join(','),
          clusters: connections.length,
        });
      },
    });
  },
});
