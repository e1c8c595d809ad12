import {
  BackstageUserPrincipal,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import permissionBackend from '@backstage/plugin-permission-backend';
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
import {
  authNamingCallingPlugin,
  catalogModuleWithEntities,
  databaseReleasedOnShutdown,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { DeliveryPermissionPolicy } from '@internal/backstage-plugin-permission-backend-module-delivery-policy';
import { clustersOnFreePorts, Fleet } from '@internal/sandbox-fleet';
import type { Server } from 'node:http';
import request from 'supertest';
import { parse } from 'yaml';
import { serviceCatalog } from '../__testUtils__/serviceCatalog';
import { deliveryPlugin } from '../plugin';

// Heavy: a real catalog processes and stitches 2,000 services (about 50 s on two idle
// cores, once for both cases); the limits leave room for a machine busy with other work.
jest.setTimeout(600_000);

const SERVICES = 2000;
const TEAMS = 10;
const fixture = serviceCatalog(SERVICES, TEAMS);

/** The configuration both backends start with. */
type PortalConfig = NonNullable<mockServices.rootConfig.Options['data']>;

/**
 * The user info the permission backend resolves a caller with: the user and the groups
 * they are a member of, as sign-in resolves ownership from the catalog's `memberOf`.
 */
const userInfoFromMemberships = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as BackstageUserPrincipal;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(fixture.members.get(userEntityRef) ?? []),
        ],
      };
    },
  }),
});

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
async function startCatalogAndPermissions(
  config: PortalConfig,
  policy: PolicyUnderTest,
): Promise<string> {
  const { server } = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      catalogBackend,
      catalogModuleWithEntities(fixture.entities),
      permissionBackend,
      policyModule(policy),
      userInfoFromMemberships,
      authNamingCallingPlugin,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await untilCatalogServes(server, SERVICES);
  return `http://localhost:${server.port()}`;
}

/**
 * The real Delivery backend in a backend of its own, so that nothing it keeps (what a
 * caller may read, for one) outlives a case; its catalog and permission calls go to
 * `portalUrl`, as in a portal whose plugins run in separate backends.
 */
async function startDelivery(
  config: PortalConfig,
  portalUrl: string,
): Promise<Server> {
  const remote = new Set(['catalog', 'permission']);
  const baseUrl = async (pluginId: string) => {
    if (!remote.has(pluginId))
      throw new Error(`no ${pluginId} plugin in this test's backends`);
    return `${portalUrl}/api/${pluginId}`;
  };
  const { server } = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      deliveryPlugin,
      authNamingCallingPlugin,
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({ getBaseUrl: baseUrl, getExternalBaseUrl: baseUrl }),
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

/** Waits until the catalog's search answers `count` components, processed and stitched. */
async function untilCatalogServes(server: Server, count: number) {
  const deadline = Date.now() + 480_000;
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'kind=component', limit: 1 })
      .set('Authorization', mockCredentials.service.header());
    if (res.body.totalItems === count) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog serves ${res.body.totalItems} of ${count} components`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
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
    portalUrl = await startCatalogAndPermissions(config, policy);
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
