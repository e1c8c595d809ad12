import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  readClusterConnections,
  readCostConfig,
  readDeliveryConfig,
} from '@internal/backstage-plugin-delivery-node';
import { Fleet } from '@internal/sandbox-fleet';
import { parse } from 'yaml';
import { catalogEntities } from '../__testUtils__/catalogEntities';
import { TEST_COST_CONFIG } from '../__testUtils__/costConfig';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { ClusterCache } from '../cache/ClusterCache';
import { BudgetChecks } from './BudgetChecks';
import { BudgetMonths } from './BudgetMonths';
import { CostEstimator } from './CostEstimator';
import { CostSnapshotStore } from './CostSnapshotStore';
import { ConfiguredPricesSource } from './sources/ConfiguredPricesSource';
import { MonthSpendMemo } from './MonthSpendMemo';
import { OverviewCosts } from './OverviewCosts';
import { ServiceCostAnswers } from './ServiceCostAnswers';

jest.setTimeout(120_000);

const PROPERTY = 'component:default/propertyos-property-service';
const MESSAGING_API = 'component:default/messaging-api';
const WEBSOCKET = 'component:default/messaging-websocket';
const TEAM = 'group:default/messaging-team';

/** 11 February 2026: ten finished days, eighteen left (today included). */
const NOW = Date.parse('2026-02-11T09:30:00Z');
const FINISHED_DAYS = Array.from(
  { length: 10 },
  (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`,
);

const withAnnotations = (
  entity: Entity,
  change: (annotations: Record<string, string>) => Record<string, string>,
): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: change({ ...entity.metadata.annotations }),
  },
});

/** The catalog with messaging-websocket left without a budget of its own. */
const catalog = catalogEntities().map(entity =>
  entity.metadata.name === 'messaging-websocket'
    ? withAnnotations(
        entity,
        ({ 'delivery/monthly-budget': _, ...rest }) => rest,
      )
    : entity,
);
const entity = (name: string) =>
  catalog.find(e => e.metadata.name === name && e.kind === 'Component')!;
const propertyWithBudget = (usd: number) =>
  withAnnotations(entity('propertyos-property-service'), annotations => ({
    ...annotations,
    'delivery/monthly-budget': String(usd),
  }));

describe('budgets against the month', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });
  let fleet: Fleet;
  let cache: ClusterCache;
  let parts: ConstructorParameters<typeof CostEstimator>[0] &
    Pick<ConstructorParameters<typeof BudgetMonths>[0], 'catalog' | 'auth'>;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    const portalConfig = parse(fleet.portalConfig());
    portalConfig.delivery.cost = TEST_COST_CONFIG;
    const config = new ConfigReader(portalConfig);
    const deliveryConfig = readDeliveryConfig(config);
    const logger = mockServices.rootLogger({ level: 'none' });
    const connections = readClusterConnections(config, deliveryConfig, logger);
    cache = new ClusterCache(connections, logger);
    await cache.start();
    parts = {
      config: deliveryConfig,
      connections,
      cache,
      source: new ConfiguredPricesSource(
        readCostConfig(config, deliveryConfig).prices,
      ),
      catalog: catalogServiceMock({ entities: catalog }),
      auth: mockServices.auth(),
      logger,
    };
  });
  afterAll(async () => {
    cache.stop();
    await fleet.stop();
  });

  /**
   * The cost parts on a fresh database holding a snapshot of each finished day of
   * February for property-service and both messaging services: each ran at $129.21 a
   * month (staging, production and DR; see cost.test.ts), $4.248 a day (129.21 x 24 / 730).
   */
  async function costService(databaseId: any, teamBudgetUsd = 230) {
    const knex = await databases.init(databaseId);
    const snapshots = await CostSnapshotStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    for (const day of FINISHED_DAYS) {
      await snapshots.write(
        day,
        [PROPERTY, MESSAGING_API, WEBSOCKET].map(entityRef => ({
          entityRef,
          monthlyUsd: 129.21,
          environments: { staging: 36.5, production: 92.71 },
        })),
      );
    }
    const estimator = new CostEstimator(parts);
    const budgets = new BudgetMonths({
      estimator,
      teamBudgets: new Map([[TEAM, teamBudgetUsd]]),
      snapshots,
      catalog: parts.catalog,
      auth: parts.auth,
    });
    return {
      answers: new ServiceCostAnswers({
        config: parts.config,
        estimator,
        budgets,
        snapshots,
      }),
      overview: new OverviewCosts({
        estimator,
        budgets,
        monthSpend: new MonthSpendMemo(snapshots),
        logger: parts.logger,
      }),
      budgetChecks: new BudgetChecks({ estimator, budgets }),
    };
  }

  it.each(databases.eachSupportedId())(
    "holds a service's own budget against its spend so far and its forecast, on %p",
    async databaseId => {
      const cost = await costService(databaseId);
      // Spent: 10 x 4.248 = 42.48. Forecast: 42.48 + 18 x 4.248 = 118.944.
      const month = {
        month: '2026-02',
        actualUsd: 42.48,
        forecastUsd: 118.94,
      };
      const budget = (amountUsd: number) => ({
        scope: 'service',
        owner: PROPERTY,
        amountUsd,
      });

      const under = await cost.answers.answer(propertyWithBudget(1100), NOW);
      expect(under.monthly.current).toBe(129.21);
      expect(under.budget).toEqual({
        status: 'under',
        budget: budget(1100),
        ...month,
        headroomUsd: 981.06,
      });
      expect(
        (await cost.answers.answer(propertyWithBudget(100), NOW)).budget,
      ).toEqual({
        status: 'forecast-over',
        budget: budget(100),
        ...month,
        headroomUsd: -18.94,
      });
      expect(
        (await cost.answers.answer(propertyWithBudget(40), NOW)).budget,
      ).toEqual({
        status: 'over',
        budget: budget(40),
        ...month,
        headroomUsd: -78.94,
      });

      // The overview shows the same statuses.
      const overview = await cost.overview.overviewCosts(
        [propertyWithBudget(100), entity('messaging-api')],
        NOW,
      );
      expect(overview.get(PROPERTY)).toEqual({
        monthlyUsd: 129.21,
        budgetStatus: 'forecast-over',
      });
      // messaging-api's own $1,300 is far from its $118.94.
      expect(overview.get(MESSAGING_API)).toEqual({
        monthlyUsd: 129.21,
        budgetStatus: 'under',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "holds a service without a budget against its team's, with every service of the team, on %p",
    async databaseId => {
      // Both messaging services: spent 2 x 42.48 = 84.96; run rate 258.42, 8.496 a day;
      // forecast 84.96 + 18 x 8.496 = 237.888.
      const month = {
        month: '2026-02',
        actualUsd: 84.96,
        forecastUsd: 237.89,
      };
      const forecastOver = await costService(databaseId, 230);
      expect(
        (await forecastOver.answers.answer(entity('messaging-websocket'), NOW))
          .budget,
      ).toEqual({
        status: 'forecast-over',
        budget: { scope: 'team', owner: TEAM, amountUsd: 230 },
        ...month,
        headroomUsd: -7.89,
      });
      const team = [entity('messaging-api'), entity('messaging-websocket')];
      expect(
        (await forecastOver.overview.overviewCosts(team, NOW)).get(WEBSOCKET),
      ).toEqual({ monthlyUsd: 129.21, budgetStatus: 'forecast-over' });

      const over = await costService(databaseId, 80);
      expect(
        (await over.answers.answer(entity('messaging-websocket'), NOW)).budget,
      ).toEqual({
        status: 'over',
        budget: { scope: 'team', owner: TEAM, amountUsd: 80 },
        ...month,
        headroomUsd: -157.89,
      });
      expect(
        (await over.overview.overviewCosts(team, NOW)).get(WEBSOCKET),
      ).toEqual({
        monthlyUsd: 129.21,
        budgetStatus: 'over',
      });
    },
  );
  it.each(databases.eachSupportedId())(
    "holds a scale or deploy action's pods against the budget, on %p",
    async databaseId => {
      const cost = await costService(databaseId);
      const pod = { cpuMillicores: 500, memoryBytes: 2 ** 30 };
      // Two more production pods stay: 2 x $13.14 = $26.28 a month, $0.864 a day for the
      // 18 days left: 42.48 + (129.21 + 26.28) x 24 / 730 x 18 = 134.496.
      const scale = {
        environment: 'production',
        action: 'scale',
        changes: [{ cluster: 'production', ...pod, replicas: 2 }],
      };
      const within = await cost.budgetChecks.checkBudget(
        propertyWithBudget(1100),
        scale,
        NOW,
      );
      expect(within).toMatchObject({
        monthlyUsd: 26.28,
        oneOffUsd: 0,
        forecastAfterUsd: 134.5,
        exceeds: false,
        budget: { status: 'under', forecastUsd: 118.94 },
      });
      const over = await cost.budgetChecks.checkBudget(
        propertyWithBudget(130),
        scale,
        NOW,
      );
      expect(over.exceeds).toBe(true);
      expect(over.explanation).toBe(
        "this scale adds $26.28/month: the 2026-02 forecast would be $134.50 (now $118.94) against the service's budget of $130.00",
      );

      // A blue-green deploy in staging: 2 pods of the second colour for 3 hours, once:
      // 6 pod-hours x $0.025 = $0.15.
      const deploy = await cost.budgetChecks.checkBudget(
        propertyWithBudget(119),
        {
          environment: 'staging',
          action: 'deploy',
          changes: [{ cluster: 'staging', ...pod, replicas: 2, hours: 3 }],
        },
        NOW,
      );
      expect(deploy).toMatchObject({
        monthlyUsd: 0,
        oneOffUsd: 0.15,
        forecastAfterUsd: 119.09,
        exceeds: true,
      });

      // A team budget counts the team's other services too (forecast 237.89, see above).
      const team = await cost.budgetChecks.checkBudget(
        entity('messaging-websocket'),
        scale,
        NOW,
      );
      expect(team).toMatchObject({
        forecastAfterUsd: 253.44,
        exceeds: true,
        budget: { budget: { scope: 'team', owner: TEAM } },
      });

      await expect(
        cost.budgetChecks.checkBudget(
          propertyWithBudget(1100),
          { ...scale, changes: [{ cluster: 'staging', ...pod, replicas: 1 }] },
          NOW,
        ),
      ).rejects.toThrow(
        'changes[0].cluster: staging is not a cluster of production that Delivery reaches (production, production-dr)',
      );
    },
  );
});
