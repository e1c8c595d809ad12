import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  readClusterConnections,
  readDeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { authNamingCallingPluginOf } from '@internal/backstage-plugin-delivery-node/testUtils';
import { AddressInfo } from 'node:net';
import yaml from 'yaml';
import { deliveryApiFor } from '../actions/deliveryApiFor';
import { FailoverDeps } from '../actions/failover/failoverAction';
import {
  catalogComponents,
  DeliveryActionsBackend,
  deliveryBackendConfig,
  startDeliveryActionsBackend,
} from './startDeliveryActionsBackend';

/**
 * The sandbox fleet and the Delivery backend (run store, cost, DR providers), and the
 * dependencies the module gives its actions wired to them as the module wires them: what
 * an action's examples run against. The initiator may do anything; the catalog is the
 * example catalog.
 */
export async function startExampleActionDeps(): Promise<{
  backend: DeliveryActionsBackend;
  deps: FailoverDeps;
}> {
  const backend = await startDeliveryActionsBackend({ templates: [] });
  const { port } = backend.server.address() as AddressInfo;
  const url = async (pluginId: string) =>
    `http://localhost:${port}/api/${pluginId}`;
  const discovery = { getBaseUrl: url, getExternalBaseUrl: url };
  const auth = authNamingCallingPluginOf('scaffolder');
  const rootConfig = new ConfigReader(
    deliveryBackendConfig(yaml.parse(backend.fleet.portalConfig())),
  );
  const config = readDeliveryConfig(rootConfig);
  const logger = mockServices.logger.mock();
  return {
    backend,
    deps: {
      catalog: catalogServiceMock({ entities: catalogComponents() }),
      config,
      rootConfig,
      connections: readClusterConnections(rootConfig, config, logger),
      permissions: mockServices.permissions(),
      logger,
      delivery: deliveryApiFor({ discovery, auth }),
      deliveryOnBehalfOf: (onBehalfOf: BackstageCredentials) =>
        deliveryApiFor({ discovery, auth, onBehalfOf }),
    },
  };
}
