import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  deliveryActionRunPermission,
  deliveryProductionActionRunPermission,
} from '@internal/backstage-plugin-delivery-common';
import {
  authorizeEntity,
  DeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';

/**
 * Checks, on the server, that whoever started the task may run a delivery action on this
 * service and environment: production environments need the production permission (the
 * default policy grants it to the platform team only). A task posted straight to the
 * scaffolder API meets the same check as one started from the portal.
 */
export async function authorizeDeliveryAction(options: {
  permissions: PermissionsService;
  config: DeliveryConfig;
  credentials: BackstageCredentials;
  entityRef: string;
  environment: string;
  action: string;
}): Promise<void> {
  const production = options.config.environments.find(
    e => e.name === options.environment,
  )?.production;
  const permission = production
    ? deliveryProductionActionRunPermission
    : deliveryActionRunPermission;
  await authorizeEntity(options.permissions, {
    credentials: options.credentials,
    permission,
    entityRef: options.entityRef,
    refusal: `You may not ${options.action} ${options.entityRef} in ${
      options.environment
    }${production ? ': production actions are for the platform team' : ''}`,
  });
}
