import { createBackendModule } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  createDeliveryActionDeps,
  deliveryActionServiceRefs,
} from '@internal/backstage-plugin-scaffolder-backend-module-delivery';
import { registerReadActions } from './read/registerReadActions';
import { registerWriteActions } from './write/registerWriteActions';

/**
 * Offers Delivery's actions to AI agents through the actions registry, as
 * `delivery:<name>` (exposed over MCP by the mcp-actions backend once `delivery` is in
 * `backend.actions.pluginSources`): reads of rollouts, the overview, DR readiness, cost,
 * run history and DORA metrics, and deploy, rollback, scale and a DR drill through the
 * same action frame as the scaffolder's templates.
 * @public
 */
export const deliveryModuleAgentActions = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'agent-actions',
  register({ registerInit }) {
    registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        ...deliveryActionServiceRefs,
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
