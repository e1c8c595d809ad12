import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { deliveryConfigServiceRef } from '@internal/backstage-plugin-delivery-node';
import { createDeliveryServiceDescribeAction } from './actions/deliveryServiceDescribe';
import { createPublishLocalAction } from './goldenPath/publishLocalAction';
import { createGoldenPathRenderAction } from './goldenPath/renderAction';
import { createGoldenPathValidateAction } from './goldenPath/validateAction';
import { createGoldenPathVerifyAction } from './goldenPath/verify';

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
        rootConfig: coreServices.rootConfig,
        discovery: coreServices.discovery,
      },
      async init({
        scaffolderActions,
        catalog,
        config,
        rootConfig,
        discovery,
      }) {
        scaffolderActions.addActions(
          createDeliveryServiceDescribeAction({ catalog, config }),
          createGoldenPathValidateAction({
            config,
            catalog,
            integrations: ScmIntegrations.fromConfig(rootConfig),
          }),
          createGoldenPathRenderAction(),
          createGoldenPathVerifyAction({ kubectl: config.goldenPath.kubectl }),
          createPublishLocalAction({ config, discovery }),
        );
      },
    });
  },
});
