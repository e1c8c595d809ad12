import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

/** Who the platform team is when `delivery.platformTeams` is not set. */
export const DEFAULT_PLATFORM_TEAMS = ['group:default/platform-team'];

/**
 * Reads `delivery.platformTeams` as full entity refs (a bare name is a group in the default
 * namespace). The permission policy grants these groups the production actions, and the
 * Delivery backend asks them to approve production failovers, so both read it here.
 * Throws naming the entry that is not an entity ref.
 * @public
 */
export function readPlatformTeams(config: Config): string[] {
  const teams =
    config.getOptionalStringArray('delivery.platformTeams') ??
    DEFAULT_PLATFORM_TEAMS;
  return teams.map((ref, index) => {
    try {
      return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' }));
    } catch (error) {
      throw new Error(
        `delivery.platformTeams[${index}]: ${(error as Error).message}`,
      );
    }
  });
}
