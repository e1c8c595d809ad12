import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  DELIVERY_PLUGIN_ID,
  deliveryPermissions,
} from '@internal/backstage-plugin-delivery-common';
import {
  deliveryConfigServiceRef,
  deliveryCostSourcesExtensionPoint,
  deliveryDrProvidersExtensionPoint,
  LocalGitRepositories,
  ClusterDirectory,
  readCostConfig,
} from '@internal/backstage-plugin-delivery-node';
import { createApprovalRouter } from './approvals/createApprovalRouter';
import { createRouteAudit } from './audit/routeAudit';
import { createBudgetCheckRouter } from './cost/createBudgetCheckRouter';
import { createDrOperationsRouter } from './drOperations/createDrOperationsRouter';
import { ApprovalStore } from './approvals/ApprovalStore';
import { ClusterCache } from './cache/ClusterCache';
import { followClusterDirectory } from './clusters/followClusterDirectory';
import { startUsageCollection } from './usage/startUsageCollection';
import { BudgetChecks } from './cost/BudgetChecks';
import { BudgetMonths } from './cost/BudgetMonths';
import { CostEstimator } from './cost/CostEstimator';
import { costPrices } from './cost/costPrices';
import {
  builtInCostSources,
  CostSourceRegistry,
} from './cost/sources/CostSourceRegistry';
import { CostService } from './cost/CostService';
import { CostSnapshotStore } from './cost/CostSnapshotStore';
import { CostSnapshotWriter } from './cost/CostSnapshotWriter';
import { MonthSpendMemo } from './cost/MonthSpendMemo';
import { OverviewCosts } from './cost/OverviewCosts';
import { ServiceCostAnswers } from './cost/ServiceCostAnswers';
import { scheduleCostTasks } from './cost/scheduleCostTasks';
import { DrProviderReads } from './dr/DrProviderReads';
import { DrProviderRegistry } from './dr/DrProviders';
import { DrReadinessService } from './dr/DrReadinessService';
import { DrSnapshotStore } from './dr/DrSnapshotStore';
import { KubernetesDrDatabaseProvider } from './dr/kubernetes/KubernetesDrDatabaseProvider';
import { KubernetesDrDnsProvider } from './dr/kubernetes/KubernetesDrDnsProvider';
import { scheduleDrTasks } from './dr/scheduleDrTasks';
import {
  createRepositoryRouter,
  REPOSITORIES_PATH,
} from './repositories/createRepositoryRouter';
import { createRouter } from './router';
import { OverviewService } from './overview/OverviewService';
import { DoraService } from './dora/DoraService';
import { GithubCommitTimes } from './dora/GithubCommitTimes';
import { publishOverviewSignals } from './overview/publishOverviewSignals';
import { DeliveryNotifications } from './notifications/DeliveryNotifications';
import { DeliveryNotifier } from './notifications/DeliveryNotifier';
import { notifyOverBudget } from './notifications/notifyOverBudget';
import { scheduleSentPruning } from './notifications/scheduleSentPruning';
import { SentNotifications } from './notifications/SentNotifications';
import { RunStore } from './runs/RunStore';

/**
 * The Delivery backend plugin: serves `/api/delivery`.
 *
 * @public
 */
export const deliveryPlugin = createBackendPlugin({
  pluginId: DELIVERY_PLUGIN_ID,
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
        signals: signalsServiceRef,
        notificationService,
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
        signals,
        notificationService: notificationSender,
      }) {
        permissionsRegistry.addPermissions(deliveryPermissions);
        const runStore = await RunStore.create({ database });
        // Owners, approvers and requesters hear of what Delivery did, each event once.
        const sentNotifications = await SentNotifications.create({ database });
        await scheduleSentPruning({
          scheduler,
          logger,
          sent: sentNotifications,
        });
        const notifications = new DeliveryNotifications({
          notifier: new DeliveryNotifier({
            notifications: notificationSender,
            sent: sentNotifications,
            config: deliveryConfig.notifications,
            logger,
          }),
          config: deliveryConfig,
          runs: runStore,
          catalog,
          auth,
          logger,
        });

        // Configured clusters now, catalog-located ones as the catalog serves them.
        const directory = ClusterDirectory.create({
          config: rootConfig,
          deliveryConfig,
          logger,
          catalog,
          auth,
        });
        const connections = directory.connections;
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
        const cache =
          connections.length || directory.readsCatalog
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
        await followClusterDirectory({
          directory,
          cache,
          scheduler,
          lifecycle,
        });

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
          onGradeChanges: changes => notifications.drGradesChanged(changes),
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
        // Cost, by job: each part prices services through the one estimator.
        const costSnapshots = await CostSnapshotStore.create({ database });
        const estimator = new CostEstimator({
          config: deliveryConfig,
          connections,
          cache,
          source: costSource,
          logger,
        });
        const budgets = new BudgetMonths({
          estimator,
          teamBudgets: costConfig.teamBudgets,
          snapshots: costSnapshots,
          catalog,
          auth,
        });
        const monthSpend = new MonthSpendMemo(costSnapshots);
        const cost = new CostService({
          answers: new ServiceCostAnswers({
            config: deliveryConfig,
            estimator,
            budgets,
            snapshots: costSnapshots,
            usage: usageStore,
            rightSizingPolicy: costConfig.rightSizing,
          }),
          budgetChecks: new BudgetChecks({ estimator, budgets }),
          prices: () =>
            costPrices({
              config: deliveryConfig,
              connections,
              source: costSource,
            }),
        });
        const overviewCosts = new OverviewCosts({
          estimator,
          budgets,
          monthSpend,
          logger,
        });
        await scheduleCostTasks({
          scheduler,
          logger,
          lifecycle,
          snapshots: new CostSnapshotWriter({
            cache,
            snapshots: costSnapshots,
            estimator,
            monthSpend,
            catalog,
            auth,
            logger,
          }),
          cacheStarted,
          afterSnapshot: () =>
            notifyOverBudget({
              catalog,
              auth,
              costs: overviewCosts,
              notifications,
              logger,
            }),
        });

        // Every mutating route is an auditor event, high in a production environment.
        const audit = createRouteAudit({
          auditor,
          environments: deliveryConfig.environments,
        });
        // Kept up to date by change from start-up on, so the first page finds it built, and
        // announced to open pages through signals (they poll when signals are unavailable).
        const overview = new OverviewService({
          auth,
          catalog,
          permissions,
          logger,
          cache,
          dr,
          cost: overviewCosts,
        });
        const stopSignals = publishOverviewSignals({
          onRevision: listener => overview.overview.onRevision(listener),
          signals,
          logger,
        });
        lifecycle.addStartupHook(() => {
          overview.overview.ready().catch(error =>
            // The first page view tries again.
            logger.warn(`Delivery overview: first build failed: ${error}`),
          );
        });
        lifecycle.addShutdownHook(() => {
          stopSignals();
          overview.overview.stop();
        });

        // One router checks every request against the contract; the others are mounted in it.
        const router = await createRouter({
          httpAuth,
          permissions,
          catalog,
          config: deliveryConfig,
          runStore,
          cache,
          overview,
          dr,
          cost,
          dora: new DoraService({
            runStore,
            config: deliveryConfig,
            catalog,
            permissions,
            commitTimes: GithubCommitTimes.fromConfig(rootConfig, logger),
          }),
          audit,
          notifications,
        });
        router.use(
          createApprovalRouter({
            httpAuth,
            permissions,
            audit,
            store: await ApprovalStore.create({ database }),
            environments: deliveryConfig.environments.map(e => e.name),
            timeoutMinutes: deliveryConfig.dr.approvalTimeoutMinutes,
            notifications,
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
            audit,
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
