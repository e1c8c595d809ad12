import { Entity } from '@backstage/catalog-model';

/** Where the fixture's entities say they come from, as a provider's entities do. */
const FIXTURE_LOCATION = 'url:https://git.example.com/catalog/services.yaml';

/** A catalog of many teams' services, shaped like the repository's catalog/ files. */
export interface ServiceCatalog {
  /** Every entity: the teams' Groups, one User per team, and the Components. */
  entities: Entity[];
  /** Refs of the Components, each with a kubernetes id and delivery annotations. */
  serviceRefs: string[];
  /** The refs of the services each team (`group:default/team-NN`) owns. */
  ownedBy: Map<string, string[]>;
  /** Each user's ref with the group refs sign-in would resolve from `memberOf`. */
  members: Map<string, string[]>;
}

function managed(metadata: Entity['metadata']): Entity['metadata'] {
  return {
    ...metadata,
    annotations: {
      ...metadata.annotations,
      'backstage.io/managed-by-location': FIXTURE_LOCATION,
      'backstage.io/managed-by-origin-location': FIXTURE_LOCATION,
    },
  };
}

/**
 * `services` Components spread over `teams` Groups (team-00, team-01, ...), each with the
 * annotations real services carry (catalog/*.yaml): a kubernetes id, tier, strategy,
 * environments, cost center, budget and runbook. Each team has one member, `user-NN`.
 */
export function serviceCatalog(
  services: number,
  teams: number,
): ServiceCatalog {
  const team = (i: number) => `team-${String(i).padStart(2, '0')}`;
  const entities: Entity[] = [];
  const serviceRefs: string[] = [];
  const ownedBy = new Map<string, string[]>();
  const members = new Map<string, string[]>();
  for (let t = 0; t < teams; t++) {
    const user = `user-${String(t).padStart(2, '0')}`;
    entities.push(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: managed({ name: team(t) }),
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: managed({ name: user }),
        spec: { memberOf: [team(t)] },
      },
    );
    ownedBy.set(`group:default/${team(t)}`, []);
    members.set(`user:default/${user}`, [`group:default/${team(t)}`]);
  }
  for (let i = 0; i < services; i++) {
    const name = `service-${String(i).padStart(4, '0')}`;
    const owner = team(i % teams);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: managed({
        name,
        annotations: {
          'backstage.io/kubernetes-id': name,
          'delivery/tier': 'standard',
          'delivery/strategy': 'rolling',
          'delivery/environments': 'staging,production',
          'delivery/cost-center': `cc-${owner}`,
          'delivery/monthly-budget': '500',
          'delivery/runbook': `https://runbooks.example.com/${owner}/${name}`,
        },
      }),
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner,
        system: `system-${owner}`,
      },
    });
    serviceRefs.push(`component:default/${name}`);
    ownedBy.get(`group:default/${owner}`)!.push(`component:default/${name}`);
  }
  return { entities, serviceRefs, ownedBy, members };
}
