import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { deliveryPermissions } from '@internal/backstage-plugin-delivery-common';
import {
  builtInCostSources,
  CostSourceRegistry,
  deliveryConfigServiceRef,
  deliveryCostSourcesExtensionPoint,
  deliveryDrProvidersExtensionPoint,
  KubernetesDrDatabaseProvider,
  KubernetesDrDnsProvider,
  LocalGitRepositories,
  readClusterConnections,
  readCostConfig,
} from '@internal/backstage-plugin-delivery-node';
import { createApprovalRouter } from './approvals/createApprovalRouter';
import { createBudgetCheckRouter } from './cost/createBudgetCheckRouter';
import { createDrOperationsRouter } from './drOperations/createDrOperationsRouter';
import { ApprovalStore } from './approvals/ApprovalStore';
import { ClusterCache } from './cache/ClusterCache';
import { startUsageCollection } from './usage/startUsageCollection';
import { CostService } from './cost/CostService';
import { CostSnapshotStore } from './cost/CostSnapshotStore';
import { scheduleCostTasks } from './cost/scheduleCostTasks';
import { DrProviderReads } from './dr/DrProviderReads';
import { DrProviderRegistry } from './dr/DrProviders';
import { DrReadinessService } from './dr/DrReadinessService';
import { DrSnapshotStore } from './dr/DrSnapshotStore';
import { scheduleDrTasks } from './dr/scheduleDrTasks';
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
    const drProviderRegistry = new DrProviderRegistry();
    env.registerExtensionPoint(deliveryDrProvidersExtensionPoint, {
      addDatabaseProvider: provider =>
        drProviderRegistry.addDatabaseProvider(provider),
      addDnsProvider: provider => drProviderRegistry.addDnsProvider(provider),
    });
    const costSourceRegistry = new CostSourceRegistry();
    env.registerExtensionPoint(deliveryCostSourcesExtensionPoint, {
      addCostSource: source => costSourceRegistry.addCostSource(source),
    });
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        deliveryConfig: deliveryConfigServiceRef,
        database: coreServices.database,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        rootConfig,
        deliveryConfig,
        database,
        auth,
        auditor,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        catalog,
      }) {
        permissionsRegistry.addPermissions(deliveryPermissions);
        const runStore = await RunStore.create({ database });

        const connections = readClusterConnections(
          rootConfig,
          deliveryConfig,
          logger,
        );
        // The built-in providers (CloudNativePG-style Clusters, ExternalDNS-style
        // DNSEndpoints); modules have added theirs by now.
        drProviderRegistry.addDatabaseProvider(
          new KubernetesDrDatabaseProvider({ logger }),
        );
        drProviderRegistry.addDnsProvider(
          new KubernetesDrDnsProvider({ logger }),
        );
        // Before anything starts: an unknown provider id stops the backend, naming the key.
        const drProviders = drProviderRegistry.select(deliveryConfig.dr);
        // The same for the cost source: `configured` always, `opencost` when set up.
        const costConfig = readCostConfig(rootConfig, deliveryConfig);
        for (const source of builtInCostSources(costConfig, logger)) {
          costSourceRegistry.addCostSource(source);
        }
        const costSource = costSourceRegistry.select(costConfig);
        const cache = connections.length
          ? new ClusterCache(connections, logger)
          : undefined;
        let cacheStarted = Promise.resolve();
        if (cache) {
          // In the background: an unreachable cluster must not hold up the backend's start.
          cacheStarted = cache
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

        const dr = new DrReadinessService({
          config: deliveryConfig,
          connections,
          cache,
          runStore,
          snapshots: await DrSnapshotStore.create({ database }),
          providerReads: new DrProviderReads(drProviders.database, logger),
          catalog,
          auth,
          logger,
        });
        await scheduleDrTasks({
          scheduler,
          logger,
          lifecycle,
          dr,
          cacheStarted,
        });

        // Usage for right-sizing, on every replica (each keeps its own window): sampled
        // from metrics.k8s.io, or read from Prometheus where configured.
        const usageStore = await startUsageCollection({
          scheduler,
          logger,
          connections,
          cache,
          usage: costConfig.usage,
          cacheStarted,
        });
        const cost = new CostService({
          config: deliveryConfig,
          connections,
          cache,
          source: costSource,
          teamBudgets: costConfig.teamBudgets,
          snapshots: await CostSnapshotStore.create({ database }),
          catalog,
          auth,
          logger,
          usage: usageStore,
          rightSizingPolicy: costConfig.rightSizing,
        });
        await scheduleCostTasks({
          scheduler,
          logger,
          lifecycle,
          cost,
          cacheStarted,
        });

        // One router checks every request against the contract; the others are mounted in it.
        const router = await createRouter({
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
            dr,
            cost,
          }),
          dr,
          cost,
        });
        router.use(
          createApprovalRouter({
            httpAuth,
            permissions,
            auditor,
            store: await ApprovalStore.create({ database }),
            environments: deliveryConfig.environments.map(e => e.name),
            timeoutMinutes: deliveryConfig.dr.approvalTimeoutMinutes,
          }),
        );
        router.use(
          createBudgetCheckRouter({
            httpAuth,
            permissions,
            catalog,
            config: deliveryConfig,
            cost,
          }),
        );
        // The providers as the failover action drives them (service principals only).
        router.use(
          createDrOperationsRouter({
            httpAuth,
            catalog,
            config: deliveryConfig,
            connections,
            providers: () => drProviders,
          }),
        );
        const { localPublishDirectory } = deliveryConfig.goldenPath;
        if (localPublishDirectory) {
          router.use(
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
        httpRouter.use(router);
        logger.info('Delivery backend ready', {
          environments: deliveryConfig.environments.map(e => e.name).join(','),
          clusters: connections.length,
        });
      },
    });
  },
});
