import {
  BackstageCredentials,
  coreServices,
  ServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ClusterDirectory,
  deliveryConfigServiceRef,
} from '@internal/backstage-plugin-delivery-node';
import { deliveryActionPollingServiceRef } from './actionPolling';
import { deliveryApiFor } from './actions/deliveryApiFor';
import { auditorSink } from './actions/frame/auditorSink';
import type { DeliveryActionDeps } from './actions/frame/DeliveryActionSpec';

/**
 * The services {@link createDeliveryActionDeps} takes, as a module's `deps`: a module that
 * runs the Delivery actions spreads them into its own.
 * @public
 */
export const deliveryActionServiceRefs = {
  catalog: catalogServiceRef,
  config: deliveryConfigServiceRef,
  rootConfig: coreServices.rootConfig,
  discovery: coreServices.discovery,
  auth: coreServices.auth,
  auditor: coreServices.auditor,
  permissions: coreServices.permissions,
  logger: coreServices.logger,
  scheduler: coreServices.scheduler,
  polling: deliveryActionPollingServiceRef,
};

/** The services themselves, as `init` receives them. @public */
export type DeliveryActionServices = {
  [K in keyof typeof deliveryActionServiceRefs]: (typeof deliveryActionServiceRefs)[K] extends ServiceRef<
    infer T,
    any,
    any
  >
    ? T
    : never;
};

/**
 * What the Delivery actions that change a service need, built from the services of the
 * plugin that runs them: the scaffolder's module and the Delivery plugin's agent actions
 * build them the same way, so both meet the same frame with the same clusters, the same
 * clients and the same audit sink. Schedules the refresh of catalog-located clusters with
 * the plugin's scheduler.
 * @public
 */
export async function createDeliveryActionDeps(
  options: DeliveryActionServices,
): Promise<DeliveryActionDeps> {
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
