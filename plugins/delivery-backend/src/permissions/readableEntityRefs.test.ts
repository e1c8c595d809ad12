import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogConditions } from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { deliveryEntityReadPermission } from '@internal/backstage-plugin-delivery-common';
import { WITH_WORKLOADS } from '../catalog/deliveryEntities';
import {
  readableEntityRefs,
  REFS_PER_AUTHORIZE_REQUEST,
} from './readableEntityRefs';

const credentials = mockCredentials.user('user:default/alice');

function service(name: string, owner: string, extra: object = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'backstage.io/kubernetes-id': name, ...extra },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

// 450 services of three teams, and one component without workloads.
const entities: Entity[] = [
  ...Array.from({ length: 450 }, (_, i) =>
    service(`svc-${i}`, ['payments', 'search', 'ledger'][i % 3]),
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'library' },
    spec: { type: 'library', owner: 'payments', lifecycle: 'production' },
  },
];
const refsOf = (team: string) =>
  entities
    .filter(e => e.metadata.annotations && e.spec?.owner === team)
    .map(e => `component:default/${e.metadata.name}`)
    .sort();

function conditional(
  conditions: PermissionCriteria<PermissionCondition>,
  pluginId = 'catalog',
): PolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId,
    resourceType: 'catalog-entity',
    conditions,
  };
}

/** The caller's decision, and per-ref decisions for refs, as the permission backend gives them. */
function permissionsDeciding(
  decision: PolicyDecision,
  perRef: (ref: string) => boolean = () => false,
) {
  return mockServices.permissions.mock({
    authorizeConditional: async () => [decision as any],
    authorize: async requests =>
      requests.map(r => ({
        result: perRef((r as { resourceRef: string }).resourceRef)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  });
}

async function readable(permissions: ReturnType<typeof permissionsDeciding>) {
  const refs = await readableEntityRefs({
    catalog: catalogServiceMock({ entities }),
    permissions,
    credentials,
    permission: deliveryEntityReadPermission,
    filter: WITH_WORKLOADS,
  });
  return [...refs].sort();
}

describe('readableEntityRefs', () => {
  it('keeps every entity with workloads on ALLOW, with one request for the caller', async () => {
    const permissions = permissionsDeciding({ result: AuthorizeResult.ALLOW });
    expect(await readable(permissions)).toHaveLength(450);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: deliveryEntityReadPermission }],
      { credentials },
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('keeps none on DENY', async () => {
    const permissions = permissionsDeciding({ result: AuthorizeResult.DENY });
    expect(await readable(permissions)).toEqual([]);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('applies the catalog’s own rules to a conditional decision, without asking per entity', async () => {
    const permissions = permissionsDeciding(
      conditional(
        catalogConditions.isEntityOwner({
          claims: ['user:default/alice', 'group:default/payments'],
        }),
      ),
    );
    expect(await readable(permissions)).toEqual(refsOf('payments'));
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('combines conditions as the catalog does (anyOf, allOf, not)', async () => {
    const permissions = permissionsDeciding(
      conditional({
        anyOf: [
          catalogConditions.isEntityOwner({ claims: ['group:default/search'] }),
          {
            allOf: [
              catalogConditions.isEntityKind({ kinds: ['component'] }),
              {
                not: catalogConditions.isEntityOwner({
                  claims: ['group:default/payments', 'group:default/search'],
                }),
              },
            ],
          },
        ],
      }),
    );
    expect(await readable(permissions)).toEqual(
      [...refsOf('search'), ...refsOf('ledger')].sort(),
    );
  });

  it('leaves a rule it does not know to the permission backend, in bounded requests', async () => {
    const permissions = permissionsDeciding(
      conditional({
        anyOf: [
          catalogConditions.isEntityOwner({ claims: ['group:default/search'] }),
          // An adopter's own rule, added to the catalog through its extension point.
          { rule: 'IS_IN_PILOT', resourceType: 'catalog-entity', params: {} },
        ],
      }),
      ref => refsOf('ledger').includes(ref),
    );
    expect(await readable(permissions)).toEqual(refsOf('ledger'));
    const calls = permissions.authorize.mock.calls;
    expect(calls).toHaveLength(Math.ceil(450 / REFS_PER_AUTHORIZE_REQUEST));
    for (const [requests, options] of calls) {
      expect(requests.length).toBeLessThanOrEqual(REFS_PER_AUTHORIZE_REQUEST);
      expect(options).toEqual({ credentials });
    }
    expect(calls.flatMap(([requests]) => requests)).toHaveLength(450);
  });

  it('leaves another plugin’s conditions to the permission backend', async () => {
    const permissions = permissionsDeciding(
      conditional(
        catalogConditions.isEntityOwner({ claims: ['group:default/search'] }),
        'other-plugin',
      ),
      ref => ref === 'component:default/svc-0',
    );
    expect(await readable(permissions)).toEqual(['component:default/svc-0']);
    expect(permissions.authorize).toHaveBeenCalled();
  });
});
