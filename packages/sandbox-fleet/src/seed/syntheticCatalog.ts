import { stringify } from 'yaml';
import { syntheticServices } from './catalog';

/** A catalog entity as the fleet writes it: plain data, no Backstage types needed here. */
export interface SyntheticEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Group' | 'User' | 'Component';
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Record<string, string | string[]>;
}

/** The catalog entities of `syntheticServices(count)`, owned by `teams` groups. */
export interface SyntheticCatalog {
  /** Groups `synthetic-team-NN`, one User `synthetic-user-NN` in each, then the Components. */
  entities: SyntheticEntity[];
  /** Each user's ref with the group ref sign-in resolves from its `memberOf`. */
  members: Map<string, string[]>;
  /** The component refs each group (`group:default/synthetic-team-NN`) owns. */
  ownedBy: Map<string, string[]>;
}

/**
 * The Components of the fleet's synthetic services (same names, so the portal finds each
 * one's deployments through `backstage.io/kubernetes-id`), spread round-robin over `teams`
 * Groups that each have one member, so that ownership is real catalog relations.
 */
export function syntheticCatalog(count: number, teams = 5): SyntheticCatalog {
  if (!Number.isInteger(teams) || teams < 1)
    throw new Error(`teams: "${teams}" is not a whole number above 0`);
  const pad = (i: number) => String(i).padStart(2, '0');
  const entities: SyntheticEntity[] = [];
  const members = new Map<string, string[]>();
  const ownedBy = new Map<string, string[]>();
  for (let t = 0; t < teams; t++) {
    const group = `synthetic-team-${pad(t)}`;
    const user = `synthetic-user-${pad(t)}`;
    entities.push(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: group },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: user },
        spec: { memberOf: [group] },
      },
    );
    members.set(`user:default/${user}`, [`group:default/${group}`]);
    ownedBy.set(`group:default/${group}`, []);
  }
  syntheticServices(count).forEach((service, i) => {
    const owner = `synthetic-team-${pad(i % teams)}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: service.name,
        annotations: {
          'backstage.io/kubernetes-id': service.name,
          'delivery/tier': service.tier,
          'delivery/strategy': service.strategy,
          'delivery/environments': service.environments.join(','),
        },
      },
      spec: {
        type: service.type,
        lifecycle: 'production',
        owner,
        system: service.system,
      },
    });
    ownedBy
      .get(`group:default/${owner}`)!
      .push(`component:default/${service.name}`);
  });
  return { entities, members, ownedBy };
}

/**
 * The catalog file the CLI writes under --out: `synthetic-catalog.yaml`, listed in the
 * portal's app-config like `catalog-clusters.yaml`. Without synthetic services it holds no
 * entity, so the catalog finds the location and nothing in it.
 */
export function syntheticCatalogYaml(count: number, teams?: number): string {
  const header = `# Written by the sandbox fleet at each start: the catalog of its ${count} synthetic services.\n`;
  if (count === 0) return header;
  return (
    header +
    syntheticCatalog(count, teams)
      .entities.map(entity => stringify(entity))
      .join('---\n')
  );
}
