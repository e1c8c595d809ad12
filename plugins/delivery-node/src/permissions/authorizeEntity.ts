import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission framework whether the caller holds one permission on one catalog
 * entity, and refuses with a NotAllowedError (403) carrying `refusal` when not. The Delivery
 * backend's routes and its scaffolder actions check single permissions only through this.
 * @public
 */
export async function authorizeEntity(
  permissions: PermissionsService,
  request: {
    credentials: BackstageCredentials;
    permission: ResourcePermission<'catalog-entity'>;
    entityRef: string;
    /** What the caller is told when the answer is no. */
    refusal: string;
  },
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: request.permission, resourceRef: request.entityRef }],
    { credentials: request.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(request.refusal);
}
