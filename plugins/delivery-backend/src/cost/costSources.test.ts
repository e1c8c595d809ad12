import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CostAnswer,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { ClusterPrices } from '@internal/backstage-plugin-delivery-node';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { Fleet } from '@internal/sandbox-fleet';
import request from 'supertest';
import { parse } from 'yaml';
import { catalogEntities } from '../__testUtils__/catalogEntities';
import { wholeMonthAt } from '../__testUtils__/costConfig';
import {
  costSourceModule,
  ScriptedCostSource,
} from '../__testUtils__/scriptedCostSource';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(120_000);

const PROPERTY = 'component:default/propertyos-property-service';

/** One price list everywhere: $18.25 a month for a pod of 500m and 1Gi. */
const PRICES: ClusterPrices = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0.1,
  discounts: { spot: 0.7, reserved: 0.4 },
  purchase: 'on-demand',
};

/** What the source measured of property-service in production, scaled to a month. */
const MEASURED = {
  cpu: 40.1,
  memory: 9.9,
  storage: 3,
  // More than the parts: the source counts network and load balancers too.
  total: 61.5,
  window: { start: '2026-10-26T00:00:00Z', end: '2026-11-25T00:00:00Z' },
};

describe('cost sources', () => {
  let fleet: Fleet;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    portalConfig = parse(fleet.portalConfig());
    portalConfig.delivery.cost = { source: 'scripted' };
  });
  afterAll(() => fleet.stop());

  async function backend(source: ScriptedCostSource, config = portalConfig) {
    const { server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: catalogEntities() }),
        costSourceModule(source),
      ],
    });
    return server;
  }

  const get = (server: any, path: string) =>
    request(server)
      .get(`/api/delivery${path}`)
      .set('Authorization', mockCredentials.user.header());

  async function poll<T>(
    read: () => Promise<T>,
    until: (value: T) => boolean,
  ): Promise<T> {
    let value = await read();
    for (let i = 0; i < 200 && !until(value); i++) {
      await new Promise(r => setTimeout(r, 100));
      value = await read();
    }
    return value;
  }
  const card = (server: any) => async (): Promise<CostAnswer> =>
    (await get(server, `/cost?entityRef=${encodeURIComponent(PROPERTY)}`)).body;

  it('shows what a measuring source measured beside the estimate, and runs the forecast, snapshot and overview on it', async () => {
    const server = await backend(
      new ScriptedCostSource(PRICES, {
        production: { 'propertyos-property-service': MEASURED },
        // Measured, but not this service: absent, not zero.
        'production-dr': {},
      }),
    );
    const answer = await poll(card(server), a => a.clusters.length === 3);

    expect(answer.source).toBe('scripted');
    expect(answer.clusters.map(line => [line.cluster, line.measured])).toEqual([
      ['staging', undefined],
      ['production', { ...MEASURED, source: 'scripted' }],
      ['production-dr', undefined],
    ]);
    // Estimates: 2, 4 and 2 pods at 18.25. Measured: production's 61.50 only.
    expect(answer.monthly.current).toBe(146);
    expect(answer.measuredMonthly).toBe(61.5);
    // The run rate takes the measured figure where there is one: 36.50 + 61.50 + 36.50.
    expect(answer.budget).toMatchObject({
      status: 'under',
      forecastUsd: wholeMonthAt(134.5),
    });

    const snapshot = await poll(card(server), a => a.trend.length > 0);
    expect(snapshot.trend).toEqual([
      { day: new Date().toISOString().slice(0, 10), monthlyUsd: 134.5 },
    ]);

    // The overview takes the measurement the source already has, never waiting for one, and
    // shows it within a rebuild of its arrival.
    const costOf = (document: OverviewDocument) =>
      document.services.find(s => s.entityRef === PROPERTY)?.cost;
    const overview = await poll(
      async (): Promise<OverviewDocument> =>
        (
          await get(server, '/overview')
        ).body,
      document => costOf(document)?.monthlyUsd === 134.5,
    );
    expect(costOf(overview)).toEqual({
      monthlyUsd: 134.5,
      budgetStatus: 'under',
    });
  });

  it('shows measured cost as absent when the source fails, and still the estimate', async () => {
    const source = new ScriptedCostSource(
      PRICES,
      { production: { 'propertyos-property-service': MEASURED } },
      'connect ECONNREFUSED 10.0.0.9:9003',
    );
    const server = await backend(source);
    const answer = await poll(card(server), a => a.clusters.length === 3);
    expect(source.reads).toBeGreaterThan(0);
    expect(answer.clusters.map(line => line.measured)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(answer.measuredMonthly).toBeUndefined();
    expect(answer.monthly.current).toBe(146);
  });

  it('stops the start-up, naming delivery.cost.source, when no source has its id', async () => {
    const config = structuredClone(portalConfig);
    config.delivery.cost.source = 'opencots';
    await expect(
      backend(new ScriptedCostSource(PRICES, {}), config),
    ).rejects.toThrow(
      'delivery.cost.source "opencots" is not a registered cost source; known: scripted, configured',
    );
  });
});
