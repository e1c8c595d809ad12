import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  deliveryActionRunPermission,
  deliveryFailoverRunPermission,
  deliveryProductionActionRunPermission,
  FAILOVER_ACTION,
} from '@internal/backstage-plugin-delivery-common';
import { authorizeEntity } from '@internal/backstage-plugin-delivery-node';

/** The permission an action needs on a service in an environment, and what a refusal says. */
function permissionFor(
  action: string,
  verb: string,
  entityRef: string,
  environment: { name: string; production: boolean },
): { permission: ResourcePermission<'catalog-entity'>; refusal: string } {
  // DR drills, switchovers and failovers are the platform team's in every environment.
  if (action === FAILOVER_ACTION)
    return {
      permission: deliveryFailoverRunPermission,
      refusal: `You may not fail over ${entityRef}: DR drills, switchovers and failovers are for the platform team`,
    };
  if (environment.production)
    return {
      permission: deliveryProductionActionRunPermission,
      refusal: `You may not ${verb} ${entityRef} in ${environment.name}: production actions are for the platform team`,
    };
  return {
    permission: deliveryActionRunPermission,
    refusal: `You may not ${verb} ${entityRef} in ${environment.name}`,
  };
}

/**
 * Checks, on the server, that whoever started the task may run this delivery action on this
 * service and environment: production environments need the production permission, a
 * failover the failover permission (the default policy grants both to the platform team
 * only). A task posted straight to the scaffolder API meets the same check as one started
 * from the portal.
 */
export async function authorizeDeliveryAction(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  entityRef: string;
  environment: { name: string; production: boolean };
  /** The run history's name for the action: deploy, scale, failover, ... */
  action: string;
  /** How a refusal names what was refused ("read the migrations of"); default the action. */
  verb?: string;
}): Promise<void> {
  const { permission, refusal } = permissionFor(
    options.action,
    options.verb ?? options.action,
    options.entityRef,
    options.environment,
  );
  await authorizeEntity(options.permissions, {
    credentials: options.credentials,
    permission,
    entityRef: options.entityRef,
    refusal,
  });
}
