import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DeliveryPermissionPolicy } from './policy/DeliveryPermissionPolicy';

/**
 * Installs {@link DeliveryPermissionPolicy} as the permission backend's policy.
 * @public
 */
export const permissionModuleDeliveryPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'delivery-policy',
  register({ registerInit }) {
    registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(DeliveryPermissionPolicy.fromConfig(config));
      },
    });
  },
});
