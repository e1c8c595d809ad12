import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { deliveryEntityReadPermission } from '@internal/backstage-plugin-delivery-common';
import { authorizeEntity } from '@internal/backstage-plugin-delivery-node';

/**
 * The entity a route answers about, for a caller who may read its delivery facts: 403 with
 * `refusal` when the policy says no, 404 when the caller cannot see it in the catalog.
 */
export async function readAuthorizedEntity(
  deps: { permissions: PermissionsService; catalog: CatalogService },
  request: {
    credentials: BackstageCredentials;
    entityRef: string;
    refusal: string;
  },
): Promise<Entity> {
  const { credentials, entityRef, refusal } = request;
  await authorizeEntity(deps.permissions, {
    credentials,
    permission: deliveryEntityReadPermission,
    entityRef,
    refusal,
  });
  // Read as the caller, so an entity they cannot see is simply not found.
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity)
    throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
  return entity;
}
