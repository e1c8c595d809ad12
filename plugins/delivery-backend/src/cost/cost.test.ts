import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CostAnswer,
  CostBreakdown,
  CostClusterLine,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { Fleet } from '@internal/sandbox-fleet';
import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import request from 'supertest';
import { parse } from 'yaml';
import { catalogEntities } from '../__testUtils__/catalogEntities';
import { TEST_COST_CONFIG, wholeMonthAt } from '../__testUtils__/costConfig';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { deliveryPlugin } from '../plugin';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(120_000);

const PROPERTY = 'component:default/propertyos-property-service';
const AUTH = 'component:default/propertyos-auth-service';
const TENANT = 'component:default/propertyos-tenant-service';
const MESSAGING_API = 'component:default/messaging-api';
const WEBSOCKET = 'component:default/messaging-websocket';

const money = (
  cpu: number,
  memory: number,
  storage: number,
  total: number,
): CostBreakdown => ({ cpu, memory, storage, total });
const ZERO = money(0, 0, 0, 0);

const discounts = { spot: 0.7, reserved: 0.4 };
const STAGING_PRICES = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0.1,
  discounts,
};
const PRODUCTION_PRICES = { ...STAGING_PRICES, vcpuHour: 0.05 };
const DR_PRICES = { ...STAGING_PRICES, vcpuHour: 0.045 };

/** messaging-websocket without a budget of its own, so its team's applies. */
function entitiesWithTeamBudgetOnly(): Entity[] {
  return catalogEntities().map(entity => {
    if (entity.metadata.name !== 'messaging-websocket') return entity;
    const { 'delivery/monthly-budget': _, ...annotations } =
      entity.metadata.annotations!;
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  });
}

describe('GET /api/delivery/cost', () => {
  let fleet: Fleet;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    portalConfig = parse(fleet.portalConfig());
    portalConfig.delivery.cost = {
      ...TEST_COST_CONFIG,
      teamBudgets: { 'group:default/messaging-team': 200 },
    };
  });
  afterAll(() => fleet.stop());

  async function backend(extra: any[] = []) {
    const { server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({ data: portalConfig }),
        catalogServiceMock.factory({ entities: entitiesWithTeamBudgetOnly() }),
        ...extra,
      ],
    });
    return server;
  }

  const get = (server: any, entityRef: string) =>
    request(server)
      .get(`/api/delivery/cost?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', mockCredentials.user.header());

  /** The answer once it satisfies `until` (the cache's first lists are in the background). */
  async function settled(
    server: any,
    entityRef: string,
    until: (answer: CostAnswer) => boolean,
  ): Promise<CostAnswer> {
    return eventually(
      async () => {
        const res = await get(server, entityRef);
        expect(res.status).toBe(200);
        return res.body as CostAnswer;
      },
      until,
      { what: `the cost of ${entityRef} settled` },
    );
  }
  const inClusters = (count: number) => (answer: CostAnswer) =>
    answer.clusters.length === count;
  const line = (answer: CostAnswer, cluster: string) =>
    answer.clusters.find(c => c.cluster === cluster)!;

  it('prices a critical service in staging, production and its DR standby from the seeded requests, replicas and HPAs', async () => {
    const server = await backend();
    const answer = await settled(server, PROPERTY, inClusters(3));

    // One Deployment per cluster, 500m and 1Gi a pod (per-pod prices: costConfig.ts).
    const expected: CostClusterLine[] = [
      {
        environment: 'staging',
        cluster: 'staging',
        role: 'primary',
        region: 'us-east-1',
        prices: STAGING_PRICES,
        purchase: 'on-demand',
        estimate: {
          // 2 pods now, HPA 1-6: 2 x 18.25, 1 x 18.25, 6 x 18.25.
          current: money(29.2, 7.3, 0, 36.5),
          atMin: money(14.6, 3.65, 0, 18.25),
          atMax: money(87.6, 21.9, 0, 109.5),
          deployments: [
            {
              name: 'propertyos-property-service',
              replicas: { current: 2, min: 1, max: 6 },
              purchase: 'on-demand',
              current: money(29.2, 7.3, 0, 36.5),
              atMin: money(14.6, 3.65, 0, 18.25),
              atMax: money(87.6, 21.9, 0, 109.5),
            },
          ],
          storage: ZERO,
        },
      },
      {
        environment: 'production',
        cluster: 'production',
        role: 'primary',
        region: 'us-east-1',
        prices: PRODUCTION_PRICES,
        purchase: 'reserved',
        estimate: {
          // 4 pods now, HPA 2-12, reserved: 4 x 13.14, 2 x 13.14, 12 x 13.14.
          current: money(43.8, 8.76, 0, 52.56),
          atMin: money(21.9, 4.38, 0, 26.28),
          atMax: money(131.4, 26.28, 0, 157.68),
          deployments: [
            {
              name: 'propertyos-property-service',
              replicas: { current: 4, min: 2, max: 12 },
              purchase: 'reserved',
              current: money(43.8, 8.76, 0, 52.56),
              atMin: money(21.9, 4.38, 0, 26.28),
              atMax: money(131.4, 26.28, 0, 157.68),
            },
          ],
          storage: ZERO,
        },
      },
      {
        environment: 'production',
        cluster: 'production-dr',
        role: 'dr',
        region: 'us-west-2',
        prices: DR_PRICES,
        purchase: 'on-demand',
        estimate: {
          // A warm standby: 2 pods now, HPA 2-6, 20.075 a pod.
          current: money(32.85, 7.3, 0, 40.15),
          atMin: money(32.85, 7.3, 0, 40.15),
          atMax: money(98.55, 21.9, 0, 120.45),
          deployments: [
            {
              name: 'propertyos-property-service',
              replicas: { current: 2, min: 2, max: 6 },
              purchase: 'on-demand',
              current: money(32.85, 7.3, 0, 40.15),
              atMin: money(32.85, 7.3, 0, 40.15),
              atMax: money(98.55, 21.9, 0, 120.45),
            },
          ],
          storage: ZERO,
        },
      },
    ];
    expect(answer.clusters).toEqual(expected);
    expect(answer).toMatchObject({
      entityRef: PROPERTY,
      source: 'configured',
      monthly: { current: 129.21, atMin: 84.68, atMax: 387.63 },
    });
    expect(answer.measuredMonthly).toBeUndefined();

    // Its own budget (delivery/monthly-budget: '1100'); no finished day of this month has a
    // snapshot in a new database, so the forecast is the run rate for the whole month.
    const forecastUsd = wholeMonthAt(129.21);
    expect(answer.budget).toEqual({
      status: 'under',
      budget: { scope: 'service', owner: PROPERTY, amountUsd: 1100 },
      month: new Date().toISOString().slice(0, 7),
      actualUsd: 0,
      forecastUsd,
      headroomUsd: Math.round((1100 - forecastUsd) * 100) / 100,
    });
  });

  it('counts both colours of a blue-green service', async () => {
    const server = await backend();
    const before = await settled(server, AUTH, inClusters(3));
    const production = line(before, 'production');
    expect(
      production.estimate.deployments.map(d => [d.name, d.replicas]),
    ).toEqual([
      ['propertyos-auth-service-blue', { current: 4, min: 2, max: 12 }],
      // The idle colour has no HPA: it costs what it runs, nothing now.
      ['propertyos-auth-service-green', { current: 0, min: 0, max: 0 }],
    ]);
    expect(production.estimate.current.total).toBe(52.56);

    // The switch starts: green scaled up beside blue, and both are paid for.
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-production');
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment(
      {
        name: 'propertyos-auth-service-green',
        namespace: 'propertyos',
        body: { spec: { replicas: 4 } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const during = await settled(
      server,
      AUTH,
      a => line(a, 'production').estimate.deployments[1].replicas.current === 4,
    );
    expect(line(during, 'production').estimate).toMatchObject({
      current: money(87.6, 17.52, 0, 105.12),
      atMin: money(65.7, 13.14, 0, 78.84),
      atMax: money(175.2, 35.04, 0, 210.24),
    });
    expect(during.monthly.current).toBe(
      Math.round((before.monthly.current + 52.56) * 100) / 100,
    );
  });

  it('prices a DR standby deployed at zero replicas at nothing', async () => {
    const server = await backend();
    const answer = await settled(server, TENANT, inClusters(3));
    expect(line(answer, 'production-dr').estimate).toEqual({
      current: ZERO,
      atMin: ZERO,
      atMax: ZERO,
      deployments: [
        {
          name: 'propertyos-tenant-service',
          replicas: { current: 0, min: 0, max: 0 },
          purchase: 'on-demand',
          current: ZERO,
          atMin: ZERO,
          atMax: ZERO,
        },
      ],
      storage: ZERO,
    });
    const primaries = answer.clusters
      .filter(c => c.role === 'primary')
      .reduce((sum, c) => sum + c.estimate.current.total, 0);
    expect(answer.monthly.current).toBe(Math.round(primaries * 100) / 100);
    expect(answer.monthly.current).toBeGreaterThan(0);
  });

  it("holds a service without a budget of its own against its team's, over all the team's services", async () => {
    const server = await backend();
    const answer = await settled(server, WEBSOCKET, inClusters(3));
    expect(answer.monthly.current).toBe(129.21);
    // messaging-api runs the same pods (blue-green, the idle colour at zero): 129.21 too.
    const forecastUsd = wholeMonthAt(129.21 + 129.21);
    expect(answer.budget).toEqual({
      status: 'forecast-over',
      budget: {
        scope: 'team',
        owner: 'group:default/messaging-team',
        amountUsd: 200,
      },
      month: new Date().toISOString().slice(0, 7),
      actualUsd: 0,
      forecastUsd,
      headroomUsd: Math.round((200 - forecastUsd) * 100) / 100,
    });
    // Its team-mate keeps its own budget (delivery/monthly-budget: '1300').
    const api = await settled(server, MESSAGING_API, inClusters(3));
    expect(api.budget).toMatchObject({
      status: 'under',
      budget: { scope: 'service', amountUsd: 1300 },
      forecastUsd: wholeMonthAt(129.21),
    });
  });

  it('answers 400 naming entityRef for a bad ref, 404 for an entity not in the catalog, 403 to a caller the policy denies', async () => {
    const server = await backend();
    const missing = await request(server)
      .get('/api/delivery/cost')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('entityRef');
    const bad = await get(server, 'component:');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('entityRef');
    const ghost = await get(server, 'component:default/ghost');
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.message).toBe(
      'entityRef: component:default/ghost is not in the catalog',
    );

    const denied = await backend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    const refused = await get(denied, PROPERTY);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Not allowed to read cost of ${PROPERTY}`,
    );
  });

  it('GET /cost/prices answers the prices of each environment’s primary and DR cluster, to users and services', async () => {
    const server = await backend();
    const expected = {
      source: 'configured',
      environments: [
        {
          environment: 'staging',
          cluster: 'staging',
          role: 'primary',
          prices: STAGING_PRICES,
          purchase: 'on-demand',
        },
        {
          environment: 'production',
          cluster: 'production',
          role: 'primary',
          prices: PRODUCTION_PRICES,
          purchase: 'reserved',
        },
        {
          environment: 'production',
          cluster: 'production-dr',
          role: 'dr',
          prices: DR_PRICES,
          purchase: 'on-demand',
        },
      ],
    };
    for (const caller of [mockCredentials.user, mockCredentials.service]) {
      const res = await request(server)
        .get('/api/delivery/cost/prices')
        .set('Authorization', caller.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected);
    }
    const anonymous = await request(server)
      .get('/api/delivery/cost/prices')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('GET /overview carries every service’s monthly cost and budget status', async () => {
    const server = await backend();
    const costOf = (document: OverviewDocument, entityRef: string) =>
      document.services.find(s => s.entityRef === entityRef)?.cost;
    const document: OverviewDocument = await eventually(
      async () =>
        (
          await request(server)
            .get('/api/delivery/overview')
            .set('Authorization', mockCredentials.user.header())
        ).body,
      (d: OverviewDocument) =>
        d.clusters.every(c => c.state === 'ok') &&
        Boolean(costOf(d, PROPERTY)?.monthlyUsd),
      { what: 'every cluster read and priced' },
    );
    expect(document.services).toHaveLength(18);
    for (const service of document.services) {
      expect(service.cost).toEqual({
        monthlyUsd: expect.any(Number),
        budgetStatus: expect.stringMatching(/^(under|forecast-over|over)$/),
      });
    }
    // The same figures the Cost card shows.
    expect(costOf(document, PROPERTY)).toEqual({
      monthlyUsd: 129.21,
      budgetStatus: 'under',
    });
    expect(costOf(document, WEBSOCKET)).toEqual({
      monthlyUsd: 129.21,
      budgetStatus: 'forecast-over',
    });
    expect(costOf(document, MESSAGING_API)).toEqual({
      monthlyUsd: 129.21,
      budgetStatus: 'under',
    });
  });
});
