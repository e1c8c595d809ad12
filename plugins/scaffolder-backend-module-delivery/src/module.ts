import { createBackendModule } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDeliveryServiceDescribeAction } from './actions/deliveryServiceDescribe';
import { createDeployAction } from './actions/deploy/deployAction';
import { createDispatchWorkflowAction } from './actions/dispatch/dispatchWorkflowAction';
import { createAbortAction } from './actions/gate/abortAction';
import { createPromoteAction } from './actions/gate/promoteAction';
import { createRetryAction } from './actions/gate/retryAction';
import { createFailoverAction } from './actions/failover/failoverAction';
import { createMigrateAction } from './actions/migrate/migrateAction';
import { createRollbackAction } from './actions/rollback/rollbackAction';
import { createScaleAction } from './actions/scale/scaleAction';
import { createPublishLocalAction } from './goldenPath/publishLocalAction';
import { createGoldenPathRenderAction } from './goldenPath/renderAction';
import { createGoldenPathValidateAction } from './goldenPath/validateAction';
import { createGoldenPathVerifyAction } from './goldenPath/verify';
import {
  createDeliveryActionDeps,
  deliveryActionServiceRefs,
} from './createDeliveryActionDeps';

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
        ...deliveryActionServiceRefs,
      },
      async init({
        scaffolderActions,
        catalog,
        config,
        rootConfig,
        discovery,
        auth,
        auditor,
        permissions,
        logger,
        scheduler,
        polling,
      }) {
        scaffolderActions.addActions(
          createDeliveryServiceDescribeAction({ catalog, config }),
          createGoldenPathValidateAction({
            config,
            catalog,
            integrations: ScmIntegrations.fromConfig(rootConfig),
            appBaseUrl: rootConfig.getOptionalString('app.baseUrl'),
          }),
          createGoldenPathRenderAction(),
          createGoldenPathVerifyAction({
            kubectl: config.goldenPath.kubectl,
            kubectlCacheDirectory: config.goldenPath.kubectlCacheDirectory,
          }),
          createPublishLocalAction({ config, discovery }),
        );
        const actionDeps = await createDeliveryActionDeps({
          catalog,
          config,
          rootConfig,
          discovery,
          auth,
          auditor,
          permissions,
          logger,
          scheduler,
          polling,
        });
        scaffolderActions.addActions(
          createDeployAction(actionDeps),
          createPromoteAction(actionDeps),
          createAbortAction(actionDeps),
          createRetryAction(actionDeps),
          createRollbackAction(actionDeps),
          createScaleAction(actionDeps),
          createDispatchWorkflowAction(actionDeps),
          createMigrateAction(actionDeps),
          createFailoverAction(actionDeps),
        );
      },
    });
  },
});
