import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterDirectory,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { DeliveryActionPolling } from './actionPolling';
import { deliveryApiFor } from './actions/deliveryApiFor';
import { auditorSink } from './actions/frame/auditorSink';
import type { DeliveryActionDeps } from './actions/frame/DeliveryActionSpec';

/**
 * What the Delivery actions that change a service need, built from the services of the
 * plugin that runs them: the scaffolder's module and the Delivery plugin's agent actions
 * build them the same way, so both meet the same frame with the same clusters, the same
 * clients and the same audit sink. Schedules the refresh of catalog-located clusters with
 * the plugin's scheduler.
 * @public
 */
export async function createDeliveryActionDeps(options: {
  catalog: CatalogService;
  config: DeliveryConfig;
  rootConfig: RootConfigService;
  discovery: DiscoveryService;
  auth: AuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  logger: LoggerService;
  scheduler: SchedulerService;
  polling: DeliveryActionPolling;
}): Promise<DeliveryActionDeps> {
  const { catalog, config, rootConfig, discovery, auth, auditor, logger } =
    options;
  // The same clusters as the cache: configured ones, and catalog-located ones as the
  // catalog serves them (the list is updated in place).
  const directory = ClusterDirectory.create({
    config: rootConfig,
    deliveryConfig: config,
    logger,
    catalog,
    auth,
  });
  await directory.scheduleRefresh(
    options.scheduler,
    'delivery-actions-cluster-directory',
  );
  return {
    catalog,
    config,
    rootConfig,
    connections: directory.connections,
    permissions: options.permissions,
    logger,
    delivery: deliveryApiFor({ discovery, auth }),
    deliveryOnBehalfOf: (onBehalfOf: BackstageCredentials) =>
      deliveryApiFor({ discovery, auth, onBehalfOf }),
    pollMs: options.polling.pollMs,
    // Every start, change, end and refusal of a delivery action (docs/audit.md).
    audit: auditorSink({ auditor, environments: config.environments }),
  };
}
