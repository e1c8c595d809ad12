import { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  deliveryActionRunPermission,
  deliveryPlatformOnlyPermissions,
} from '@internal/backstage-plugin-delivery-common';
import { readPlatformTeams } from '@internal/backstage-plugin-delivery-node';

/**
 * Permissions besides Delivery's that only the platform team holds: deleting catalog
 * entities cannot be undone from the portal.
 */
const OTHER_PLATFORM_ONLY = ['catalog.entity.delete'];

/**
 * The default policy of a portal running Delivery:
 * - members of a platform-team group may do everything;
 * - other signed-in users may read, run non-production actions on the services one of
 *   their groups owns, and use the rest of the portal (catalog, scaffolder) as usual;
 *   production actions, failovers and overrides stay with the platform team;
 * - anonymous callers may only read.
 *
 * Ownership is a conditional decision on the catalog-entity resource type, the catalog's own
 * `isEntityOwner` rule over the user's ownership refs (their groups, as Backstage's sign-in
 * resolves them). The permission framework applies it wherever a service is named (the
 * scaffolder actions, the Actions card), and an adopter's policy can reuse
 * {@link ownsTheService} as it is.
 */
export class DeliveryPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): DeliveryPermissionPolicy {
    return new DeliveryPermissionPolicy(readPlatformTeams(config));
  }

  private readonly platformOnly = new Set([
    ...deliveryPlatformOnlyPermissions.map(p => p.name),
    ...OTHER_PLATFORM_ONLY,
  ]);

  constructor(private readonly platformTeams: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!user) {
      return {
        result:
          permission.attributes.action === 'read'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    const ownership = user.info.ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    if (this.platformTeams.some(team => ownership.includes(team))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (this.platformOnly.has(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(permission, deliveryActionRunPermission)) {
      return ownsTheService(permission, user.info.ownershipEntityRefs);
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * The decision "only on services owned by one of these groups": conditional on the catalog's
 * `isEntityOwner` rule with the user's group refs as claims. A user in no group is
 * refused outright: their own ref is not a team, and "read only" is what such a user may do.
 * @public
 */
export function ownsTheService(
  permission: typeof deliveryActionRunPermission,
  ownershipEntityRefs: string[],
): PolicyDecision {
  const groups = ownershipEntityRefs.filter(ref =>
    ref.toLocaleLowerCase('en-US').startsWith('group:'),
  );
  if (groups.length === 0) return { result: AuthorizeResult.DENY };
  return createCatalogConditionalDecision(
    permission,
    catalogConditions.isEntityOwner({ claims: groups }),
  );
}
