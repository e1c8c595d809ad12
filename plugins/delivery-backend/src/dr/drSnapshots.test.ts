import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { DrReadinessAnswer } from '@internal/backstage-plugin-delivery-common';
import { Fleet } from '@internal/sandbox-fleet';
import { Knex } from 'knex';
import request from 'supertest';
import { parse } from 'yaml';
import {
  ScriptedDatabaseProvider,
  scriptedDrConfig,
  scriptedDrProvidersModule,
} from '../__testUtils__/scriptedDrProviders';
import { startDeliveryReplica } from '../__testUtils__/deliveryReplica';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { DR_SNAPSHOT_TASK } from './scheduleDrTasks';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(120_000);

const PMS = 'component:default/pms-app';
const DAY_MS = 86_400_000;
const dayBefore = (days: number) =>
  new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

describe('the daily DR readiness snapshot', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });
  let fleet: Fleet;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    portalConfig = parse(fleet.portalConfig());
    portalConfig.delivery.dr = scriptedDrConfig;
  });
  afterAll(() => fleet.stop());

  /** A backend replica on a shared database, whose scheduled tasks the test triggers. */
  const replica = (knex: Knex) =>
    startDeliveryReplica({
      config: portalConfig,
      knex,
      features: [scriptedDrProvidersModule(new ScriptedDatabaseProvider({}))],
    });

  const answer = async (server: any): Promise<DrReadinessAnswer> =>
    (
      await request(server)
        .get(`/api/delivery/dr?entityRef=${encodeURIComponent(PMS)}`)
        .set('Authorization', mockCredentials.user.header())
    ).body;

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
      expect(now!.trend).toEqual([
        {
          day: today,
          score: now!.readiness.score,
          grade: now!.readiness.grade,
        },
      ]);
      const rows = await knex('delivery_dr_snapshots').count({ n: '*' });
      // Every catalog service with workloads, once.
      expect(Number(rows[0].n)).toBe(18);

      // Another replica starting, and the daily task on both: still one row per service.
      const second = await replica(knex);
      await first.scheduler.triggerTask(DR_SNAPSHOT_TASK);
      await second.scheduler.triggerTask(DR_SNAPSHOT_TASK);
      expect(
        Number((await knex('delivery_dr_snapshots').count({ n: '*' }))[0].n),
      ).toBe(18);

      // Earlier days come back oldest first; a day beyond the 90 shown does not.
      const weights = JSON.stringify({ pass: 40, fail: 60, unknown: 0 });
      await knex('delivery_dr_snapshots').insert(
        [
          { day: dayBefore(1), score: 40, grade: 'not-ready' },
          { day: dayBefore(2), score: 75, grade: 'at-risk' },
          { day: dayBefore(90), score: 10, grade: 'not-ready' },
        ].map(row => ({
          ...row,
          entity_ref: PMS,
          weights,
          created_at: new Date(),
        })),
      );
      const trend = (await answer(second.server)).trend;
      expect(trend).toEqual([
        { day: dayBefore(2), score: 75, grade: 'at-risk' },
        { day: dayBefore(1), score: 40, grade: 'not-ready' },
        {
          day: today,
          score: now!.readiness.score,
          grade: now!.readiness.grade,
        },
      ]);
    },
  );
});
