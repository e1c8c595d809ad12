import { InputError } from '@backstage/errors';
import {
  dataOf,
  DeliveryApiClient,
  DoraAnswer,
  DoraServiceSummary,
  DoraSummary,
  DoraTeamSummary,
} from '@internal/backstage-plugin-delivery-common';
import { fullRef, refOrUndefined } from './entityRefs';
import { OVERVIEW_SERVICE_LIMIT } from './overviewFor';

/** What an agent asked DORA metrics of: one service, or one team. */
export interface DoraScope {
  entityRef?: string;
  owner?: string;
}

/** The answer of `get-dora`: a service's metrics per environment, or a team's. */
export type DoraForScope =
  | ({ scope: 'service' } & DoraAnswer)
  | {
      scope: 'team';
      window: DoraSummary['window'];
      thresholds: DoraSummary['thresholds'];
      /** The team's services together; absent when none ran anything in production. */
      team?: DoraTeamSummary;
      /** Each of its services that ran anything in production, at most 200. */
      services: DoraServiceSummary[];
      truncated: number;
    };

/**
 * Reads the DORA metrics of one service (`GET /dora`: every environment and production
 * together, with lead time) or of one team (`GET /dora/summary`, the team's entry and its
 * services'; no lead time there, it would take a GitHub lookup per image).
 */
export async function doraFor(
  client: DeliveryApiClient,
  { entityRef, owner }: DoraScope,
): Promise<DoraForScope> {
  if (Boolean(entityRef) === Boolean(owner))
    throw new InputError(
      'entityRef, owner: give exactly one, a service or the team that owns services',
    );
  if (entityRef)
    return {
      scope: 'service',
      ...dataOf(
        await client.request('get', '/dora', {
          params: { query: { entityRef } },
        }),
      ),
    };
  const team = fullRef(owner!, 'group', 'owner');
  const summary = dataOf(
    await client.request('get', '/dora/summary', {}),
  ) as DoraSummary;
  const ownedBy = (value: string | undefined) =>
    refOrUndefined(value, 'group') === team;
  const services = summary.services.filter(s => ownedBy(s.owner));
  return {
    scope: 'team',
    window: summary.window,
    thresholds: summary.thresholds,
    team: summary.teams.find(t => ownedBy(t.owner)),
    services: services.slice(0, OVERVIEW_SERVICE_LIMIT),
    truncated: Math.max(0, services.length - OVERVIEW_SERVICE_LIMIT),
  };
}
