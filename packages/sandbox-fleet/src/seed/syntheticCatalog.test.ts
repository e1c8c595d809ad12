import { parseAllDocuments } from 'yaml';
import { syntheticServices } from './catalog';
import { syntheticCatalog, syntheticCatalogYaml } from './syntheticCatalog';

describe('syntheticCatalogYaml', () => {
  it('writes a Component for each synthetic service, owned by a Group with a member', () => {
    const entities = parseAllDocuments(syntheticCatalogYaml(7, 3)).map(doc =>
      doc.toJS(),
    );
    const components = entities.filter(e => e.kind === 'Component');
    const groups = entities
      .filter(e => e.kind === 'Group')
      .map(e => e.metadata.name);

    // The portal finds each service's deployments by its kubernetes id.
    expect(
      components.map(c => c.metadata.annotations['backstage.io/kubernetes-id']),
    ).toEqual(syntheticServices(7).map(s => s.name));
    expect(groups).toHaveLength(3);
    for (const component of components)
      expect(groups).toContain(component.spec.owner);
    for (const group of groups) {
      expect(entities).toContainEqual(
        expect.objectContaining({
          kind: 'User',
          spec: { memberOf: [group] },
        }),
      );
    }
  });

  it('holds no entity without synthetic services', () => {
    const documents = parseAllDocuments(syntheticCatalogYaml(0));
    expect(documents.map(doc => doc.toJS()).filter(Boolean)).toEqual([]);
  });
});

describe('syntheticCatalog', () => {
  it('lists which services each group owns and which groups each user is in', () => {
    const { ownedBy, members } = syntheticCatalog(4, 2);
    expect(ownedBy.get('group:default/synthetic-team-01')).toEqual([
      'component:default/svc-0002',
      'component:default/svc-0004',
    ]);
    expect(members.get('user:default/synthetic-user-00')).toEqual([
      'group:default/synthetic-team-00',
    ]);
  });

  it('refuses a number of teams that is not a whole number above 0', () => {
    expect(() => syntheticCatalog(4, 0)).toThrow(/teams: "0"/);
  });
});
