import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permission service whose policy hides `hidden` from `appliesTo` callers (every caller
 * when absent) by a condition on an adopter's own catalog rule: Delivery cannot evaluate
 * it, so it must ask the permission backend for the refs' decisions, as it would in a
 * real portal. Everyone else may read everything.
 */
export function hiddenByCatalogRule(
  hidden: string,
  appliesTo?: (userEntityRef: string | undefined) => boolean,
) {
  return mockServices.permissions.mock({
    authorizeConditional: async (_requests, options) => {
      const user = (options?.credentials.principal as any)?.userEntityRef;
      if (appliesTo && !appliesTo(user))
        return [{ result: AuthorizeResult.ALLOW }];
      return [
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_NOT_OWNER_SERVICE',
            resourceType: 'catalog-entity',
            params: {},
          },
        },
      ];
    },
    authorize: async requests =>
      requests.map((r: any) => ({
        result:
          r.resourceRef === hidden
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
}
