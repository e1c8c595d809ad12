import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  deliveryEntityReadPermission,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryPermissionPolicy } from '@internal/backstage-plugin-permission-backend-module-delivery-policy';
import { clustersOnFreePorts, Fleet } from '@internal/sandbox-fleet';
import type { Server } from 'node:http';
import request from 'supertest';
import { parse } from 'yaml';
import {
  PortalConfig,
  startBesidePortal,
  startCatalogAndPermissions,
  untilCatalogServes,
} from '../__testUtils__/realPortalBackends';
import { serviceCatalog } from '../__testUtils__/serviceCatalog';
import { deliveryPlugin } from '../plugin';

// Heavy: a real catalog processes and stitches 2,000 services (about 50 s on two idle
// cores, once for both cases); the limits leave room for a machine busy with other work.
jest.setTimeout(600_000);

const SERVICES = 2000;
const TEAMS = 10;
const fixture = serviceCatalog(SERVICES, TEAMS);

/**
 * Delivery facts of a service only for its owners, as a catalog conditional decision; the
 * rest as the portal allows it. Counts how often it was asked for `delivery.entity.read`.
 */
class OwnersReadDeliveryPolicy implements PermissionPolicy {
  deliveryReads = 0;

  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      user &&
      isResourcePermission(query.permission, 'catalog-entity') &&
      isPermission(query.permission, deliveryEntityReadPermission)
    ) {
      this.deliveryReads++;
      return createCatalogConditionalDecision(
        query.permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * The permission backend's policy: each case sets the one it runs under, on the same
 * catalog. Until then every request is denied.
 */
class PolicyUnderTest implements PermissionPolicy {
  current?: PermissionPolicy;

  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return this.current
      ? this.current.handle(query, user)
      : { result: AuthorizeResult.DENY };
  }
}

function policyModule(policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'policy-under-test',
    register(reg) {
      reg.registerInit({
        deps: { policies: policyExtensionPoint },
        async init({ policies }) {
          policies.setPolicy(policy);
        },
      });
    },
  });
}

/**
 * The real catalog and permission backends, with the fixture's entities coming in through
 * an entity provider; resolves once the catalog serves every service.
 */
async function startCatalogAndPermissionsServing(
  config: PortalConfig,
  policy: PolicyUnderTest,
): Promise<string> {
  const portal = await startCatalogAndPermissions({
    config,
    entities: fixture.entities,
    members: fixture.members,
    policy: policyModule(policy),
  });
  await untilCatalogServes(portal.url, SERVICES);
  return portal.url;
}

/**
 * The real Delivery backend in a backend of its own, so that nothing it keeps (what a
 * caller may read, for one) outlives a case.
 */
async function startDelivery(
  config: PortalConfig,
  portalUrl: string,
): Promise<Server> {
  const delivery = await startBesidePortal({
    config,
    portalUrl,
    features: [deliveryPlugin],
  });
  return delivery.server;
}

async function overviewAs(server: Server, userEntityRef: string) {
  const res = await request(server)
    .get('/api/delivery/overview')
    .set('Authorization', mockCredentials.user.header(userEntityRef));
  const body = res.body as OverviewDocument;
  return {
    status: res.status,
    body,
    services: (body.services ?? []).map(s => s.entityRef).sort(),
  };
}

describe('GET /api/delivery/overview with a real catalog of 2,000 services', () => {
  let fleet: Fleet;
  let config: PortalConfig;
  const policy = new PolicyUnderTest();
  let portalUrl: string;

  beforeAll(async () => {
    // Clusters that run none of the services: each is listed as not deployed there.
    fleet = await Fleet.start({
      clusters: clustersOnFreePorts(),
      adminPort: 0,
      autoTick: false,
    });
    config = {
      ...parse(fleet.portalConfig()),
      permission: { enabled: true },
      catalog: { rules: [{ allow: ['Component', 'Group', 'User'] }] },
    };
    portalUrl = await startCatalogAndPermissionsServing(config, policy);
  });
  afterAll(() => fleet.stop());

  it('lists every service to a user the default Delivery policy lets read them all', async () => {
    // The policy permissionModuleDeliveryPolicy installs.
    policy.current = DeliveryPermissionPolicy.fromConfig(
      new ConfigReader(config),
    );
    const server = await startDelivery(config, portalUrl);

    const overview = await overviewAs(server, 'user:default/user-03');

    expect(overview.status).toBe(200);
    expect(overview.services).toEqual([...fixture.serviceRefs].sort());
  });

  it('lists exactly the services of the caller’s team when the policy lets only owners read', async () => {
    const ownersRead = new OwnersReadDeliveryPolicy();
    policy.current = ownersRead;
    const server = await startDelivery(config, portalUrl);

    const team3 = await overviewAs(server, 'user:default/user-03');
    expect(team3.status).toBe(200);
    expect(team3.services).toEqual(
      [...fixture.ownedBy.get('group:default/team-03')!].sort(),
    );
    expect(team3.services).toHaveLength(SERVICES / TEAMS);
    // One decision for the caller, whatever the catalog's size.
    expect(ownersRead.deliveryReads).toBe(1);

    const team7 = await overviewAs(server, 'user:default/user-07');
    expect(team7.services).toEqual(
      [...fixture.ownedBy.get('group:default/team-07')!].sort(),
    );
    // A user of no team owns nothing.
    const outsider = await overviewAs(server, 'user:default/nobody');
    expect(outsider.status).toBe(200);
    expect(outsider.services).toEqual([]);
    expect(ownersRead.deliveryReads).toBe(3);
  });
});
