import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { deliveryPlatformOnlyPermissions } from '@internal/backstage-plugin-delivery-common';

const DEFAULT_PLATFORM_TEAMS = ['group:default/platform-team'];

/**
 * Permissions besides Delivery's that only the platform team holds: deleting catalog
 * entities cannot be undone from the portal.
 */
const OTHER_PLATFORM_ONLY = ['catalog.entity.delete'];

/**
 * The default policy of a portal running Delivery:
 * - members of a platform-team group may do everything;
 * - other signed-in users may read and run non-production actions, and use the rest of
 *   the portal (catalog, scaffolder) as usual;
 * - anonymous callers may only read.
 */
export class DeliveryPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): DeliveryPermissionPolicy {
    const teams =
      config.getOptionalStringArray('delivery.platformTeams') ??
      DEFAULT_PLATFORM_TEAMS;
    return new DeliveryPermissionPolicy(
      teams.map((ref, index) => {
        try {
          return stringifyEntityRef(
            parseEntityRef(ref, { defaultKind: 'group' }),
          );
        } catch (error) {
          throw new Error(
            `delivery.platformTeams[${index}]: ${(error as Error).message}`,
          );
        }
      }),
    );
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
    return { result: AuthorizeResult.ALLOW };
  }
}
