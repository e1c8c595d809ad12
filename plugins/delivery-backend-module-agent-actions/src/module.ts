import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { deliveryConfigServiceRef } from '@internal/backstage-plugin-delivery-node';
import {
  createDeliveryActionDeps,
  deliveryActionPollingServiceRef,
} from '@internal/backstage-plugin-scaffolder-backend-module-delivery';
import { registerReadActions } from './read/registerReadActions';
import { registerWriteActions } from './write/registerWriteActions';

/**
 * Offers Delivery's actions to AI agents through the actions registry, as
 * `delivery:<name>` (exposed over MCP by the mcp-actions backend once `delivery` is in
 * `backend.actions.pluginSources`): reads of rollouts, the overview, DR readiness, cost
 * and run history, and deploy, rollback, scale and a DR drill through the same action
 * frame as the scaffolder's templates.
 * @public
 */
export const deliveryModuleAgentActions = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'agent-actions',
  register({ registerInit }) {
    registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
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
      },
      async init({ actionsRegistry, discovery, auth, ...services }) {
        registerReadActions(actionsRegistry, { discovery, auth });
        registerWriteActions(
          actionsRegistry,
          await createDeliveryActionDeps({ discovery, auth, ...services }),
        );
      },
    });
  },
});
