import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  actionRefusal,
  actionVerb,
  deliveryActionRunPermission,
  deliveryFailoverRunPermission,
  deliveryProductionActionRunPermission,
  FAILOVER_ACTION,
} from '@internal/backstage-plugin-delivery-common';
import { authorizeEntity } from '@internal/backstage-plugin-delivery-node';

/** The permission an action needs on a service in an environment. */
function permissionFor(
  action: string,
  environment: { production: boolean },
): ResourcePermission<'catalog-entity'> {
  // DR drills, switchovers and failovers are the platform team's in every environment.
  if (action === FAILOVER_ACTION) return deliveryFailoverRunPermission;
  if (environment.production) return deliveryProductionActionRunPermission;
  return deliveryActionRunPermission;
}

/**
 * Checks, on the server, that whoever started the task may run this delivery action on this
 * service and environment. The permission framework decides (under the default policy:
 * the service's owners and the platform team outside production, the platform team in
 * production and for failovers; an adopter's policy may differ); a refusal says who may,
 * in the words the Actions card shows beside the disabled button. A task posted straight to
 * the scaffolder API meets the same check as one started from the portal.
 */
export async function authorizeDeliveryAction(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  entityRef: string;
  /** The service as the catalog has it: its owners are named in a refusal. */
  entity: Entity;
  environment: { name: string; production: boolean };
  /** The run history's name for the action: deploy, scale, failover, ... */
  action: string;
  /** How a refusal names what was refused ("read the migrations of"); default the action. */
  verb?: string;
}): Promise<void> {
  await authorizeEntity(options.permissions, {
    credentials: options.credentials,
    permission: permissionFor(options.action, options.environment),
    entityRef: options.entityRef,
    refusal: actionRefusal({
      verb: options.verb ?? actionVerb(options.action),
      entity: options.entity,
      environment: options.environment,
      failover: options.action === FAILOVER_ACTION,
    }),
  });
}
