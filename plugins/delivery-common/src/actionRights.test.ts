import { Entity } from '@backstage/catalog-model';
import { actionRefusal, ownerNamesOf } from './actionRights';

const service = (owners: string[], specOwner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'messaging-api' },
  spec: { type: 'service', ...(specOwner ? { owner: specOwner } : {}) },
  relations: owners.map(targetRef => ({ type: 'ownedBy', targetRef })),
});

describe('ownerNamesOf', () => {
  it('names groups of the default namespace by name and others by their ref', () => {
    expect(
      ownerNamesOf(
        service([
          'group:default/messaging-team',
          'group:ops/pager-team',
          'user:default/bob',
        ]),
      ),
    ).toEqual(['messaging-team', 'ops/pager-team', 'user:bob']);
  });

  it('reads spec.owner before the catalog has related the owner', () => {
    expect(ownerNamesOf(service([], 'messaging-team'))).toEqual([
      'messaging-team',
    ]);
  });
});

describe('actionRefusal', () => {
  const staging = { name: 'staging', production: false };

  it('names the owners and the platform team for a non-production environment', () => {
    expect(
      actionRefusal({
        verb: 'deploy',
        entity: service(['group:default/messaging-team']),
        environment: staging,
      }),
    ).toBe(
      'Only messaging-team and the platform team may deploy messaging-api in staging',
    );
    expect(
      actionRefusal({
        verb: 'scale',
        entity: service(['group:default/a-team', 'group:default/b-team']),
        environment: staging,
      }),
    ).toBe(
      'Only a-team, b-team and the platform team may scale messaging-api in staging',
    );
  });

  it('names only the platform team for production, a failover and an unowned service', () => {
    const entity = service(['group:default/messaging-team']);
    expect(
      actionRefusal({
        verb: 'deploy',
        entity,
        environment: { name: 'production', production: true },
      }),
    ).toBe('Only the platform team may deploy messaging-api in production');
    expect(
      actionRefusal({
        verb: 'deploy',
        entity,
        environment: { name: 'live', production: true },
      }),
    ).toBe(
      'Only the platform team may deploy messaging-api in live, a production environment',
    );
    expect(
      actionRefusal({
        verb: 'fail over',
        entity,
        environment: staging,
        failover: true,
      }),
    ).toMatch(/^Only the platform team may fail over messaging-api: DR drills/);
    expect(
      actionRefusal({
        verb: 'deploy',
        entity: service([]),
        environment: staging,
      }),
    ).toMatch(/it has no owner in the catalog$/);
  });
});
