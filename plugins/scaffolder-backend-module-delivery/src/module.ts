import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { deliveryConfigServiceRef } from '@internal/backstage-plugin-delivery-node';
import { createDeliveryServiceDescribeAction } from './actions/deliveryServiceDescribe';
import { createGoldenPathValidateAction } from './goldenPath/validateAction';

/**
 * Registers the Delivery actions with the scaffolder.
 * @public
 */
export const scaffolderModuleDelivery = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'delivery',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: deliveryConfigServiceRef,
      },
      async init({ scaffolderActions, catalog, config }) {
        scaffolderActions.addActions(
          createDeliveryServiceDescribeAction({ catalog, config }),
          createGoldenPathValidateAction({ config }),
        );
      },
    });
  },
});
