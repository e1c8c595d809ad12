import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { CostAnswer } from '@internal/backstage-plugin-delivery-common';
import { Fleet } from '@internal/sandbox-fleet';
import { Knex } from 'knex';
import request from 'supertest';
import { parse } from 'yaml';
import { TEST_COST_CONFIG } from '../__testUtils__/costConfig';
import { startDeliveryReplica } from '../__testUtils__/deliveryReplica';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { COST_SNAPSHOT_TASK } from './scheduleCostTasks';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(120_000);

const PROPERTY = 'component:default/propertyos-property-service';
const DAY_MS = 86_400_000;
const dayBefore = (days: number) =>
  new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

describe('the daily cost snapshot', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });
  let fleet: Fleet;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    portalConfig = parse(fleet.portalConfig());
    portalConfig.delivery.cost = TEST_COST_CONFIG;
  });
  afterAll(() => fleet.stop());

  /** A backend replica on a shared database, whose scheduled tasks the test triggers. */
  const replica = (knex: Knex, config = portalConfig) =>
    startDeliveryReplica({ config, knex });

  const answer = async (server: any): Promise<CostAnswer> =>
    (
      await request(server)
        .get(`/api/delivery/cost?entityRef=${encodeURIComponent(PROPERTY)}`)
        .set('Authorization', mockCredentials.user.header())
    ).body;
  const count = async (knex: Knex) =>
    Number((await knex('delivery_cost_snapshots').count({ n: '*' }))[0].n);

  it.each(databases.eachSupportedId())(
    'is written once per day and service across replicas, and read back as the trend, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = await replica(knex);
      const today = new Date().toISOString().slice(0, 10);

      // Written at start-up, in the background, once the clusters are read.
      const now = await eventually(
        () => answer(first.server),
        a => a.trend.length > 0,
        { what: "today's snapshot in the trend" },
      );
      // The run rate of staging, production and the DR standby (see cost.test.ts).
      expect(now!.trend).toEqual([{ day: today, monthlyUsd: 129.21 }]);
      expect(now!.monthly.current).toBe(129.21);
      // Every catalog service with workloads, once, with its run rate by environment.
      expect(await count(knex)).toBe(18);
      const [row] = await knex('delivery_cost_snapshots').where({
        entity_ref: PROPERTY,
      });
      expect(JSON.parse(row.environments)).toEqual({
        staging: 36.5,
        // 52.56 in production and 40.15 in its DR cluster.
        production: 92.71,
      });

      // Another replica starting, and the daily task on both: still one row per service.
      const second = await replica(knex);
      await first.scheduler.triggerTask(COST_SNAPSHOT_TASK);
      await second.scheduler.triggerTask(COST_SNAPSHOT_TASK);
      expect(await count(knex)).toBe(18);

      // Earlier days come back oldest first; a day beyond the 90 shown does not.
      await knex('delivery_cost_snapshots').insert(
        [
          { day: dayBefore(1), monthly_usd: 98.5 },
          { day: dayBefore(2), monthly_usd: 150.25 },
          { day: dayBefore(90), monthly_usd: 10 },
        ].map(r => ({
          ...r,
          entity_ref: PROPERTY,
          environments: '{}',
          created_at: new Date(),
        })),
      );
      expect((await answer(second.server)).trend).toEqual([
        { day: dayBefore(2), monthlyUsd: 150.25 },
        { day: dayBefore(1), monthlyUsd: 98.5 },
        { day: today, monthlyUsd: 129.21 },
      ]);
    },
  );

  it('waits for a cluster that was never read rather than recording its services as costing less', async () => {
    // A second production cluster nothing answers at.
    const config = structuredClone(portalConfig);
    config.kubernetes.clusterLocatorMethods[0].clusters.push({
      name: 'production-eu',
      url: 'https://127.0.0.1:9',
      authProvider: 'serviceAccount',
      serviceAccountToken: 'unused',
    });
    config.delivery.clusters.push({
      name: 'production-eu',
      environment: 'production',
      region: 'eu-west-1',
      role: 'primary',
    });
    const knex = await databases.init('SQLITE_3');
    const { server, scheduler } = await replica(knex, config);
    await scheduler.triggerTask(COST_SNAPSHOT_TASK);

    // Every catalog service runs in production, so none is recorded today...
    expect(await count(knex)).toBe(0);
    // ...while the card still prices what the clusters that were read hold.
    const card = await answer(server);
    expect(card.trend).toEqual([]);
    expect(card.monthly.current).toBe(129.21);
  });
});
