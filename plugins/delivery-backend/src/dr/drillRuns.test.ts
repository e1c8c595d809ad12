import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { RunStore } from '../runs/RunStore';

jest.setTimeout(60_000);

/** The run-store reads behind the DR drill check, on every supported database. */
describe('failover runs as the DR readiness reads them', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return RunStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }

  it.each(databases.eachSupportedId())(
    "reads every service's latest ended production failover in one query, and one service's failovers newest first, on %p",
    async databaseId => {
      const store = await createStore(databaseId);
      const at = (iso: string) => new Date(`2026-11-${iso}Z`);
      const run = async (
        service: string,
        options: {
          action?: string;
          environment?: string;
          started: string;
          finished?: string;
          status?: 'succeeded' | 'failed';
        },
      ) => {
        const started = await store.startRun(
          {
            entityRef: `component:default/${service}`,
            environment: options.environment ?? 'production',
            action: options.action ?? 'failover',
            initiatedBy: 'user:default/alice',
            inputs: { mode: 'drill' },
          },
          at(options.started),
        );
        if (options.finished) {
          await store.finishRun(
            started.id,
            {
              status: options.status ?? 'succeeded',
              summary: 'done',
              after: { recoverySeconds: 300 },
            },
            at(options.finished),
          );
        }
        return started.id;
      };

      await run('orders', { started: '01T10:00:00', finished: '01T10:10:00' });
      const latestOrders = await run('orders', {
        started: '02T10:00:00',
        finished: '02T10:20:00',
        status: 'failed',
      });
      // A deploy, a staging failover and one still running: none is a drill that ended.
      await run('orders', {
        action: 'deploy',
        started: '04T10:00:00',
        finished: '04T10:01:00',
      });
      await run('orders', {
        environment: 'staging',
        started: '05T10:00:00',
        finished: '05T10:05:00',
      });
      const running = await run('orders', { started: '06T10:00:00' });
      const payments = await run('payments', {
        started: '01T09:00:00',
        finished: '01T09:07:00',
      });

      const latest = await store.latestEndedRuns({
        action: 'failover',
        environments: ['production'],
      });
      expect(
        latest
          .map(r => [r.entityRef, r.id, r.status, r.finishedAt, r.after])
          .sort(),
      ).toEqual(
        [
          [
            'component:default/orders',
            latestOrders,
            'failed',
            '2026-11-02T10:20:00.000Z',
            { recoverySeconds: 300 },
          ],
          [
            'component:default/payments',
            payments,
            'succeeded',
            '2026-11-01T09:07:00.000Z',
            { recoverySeconds: 300 },
          ],
        ].sort(),
      );
      expect(
        await store.latestEndedRuns({ action: 'failover', environments: [] }),
      ).toEqual([]);

      const orders = await store.listRunsOfAction({
        entityRef: 'component:default/orders',
        action: 'failover',
        limit: 10,
      });
      expect(orders.map(r => [r.id, r.environment])).toEqual([
        [running, 'production'],
        [expect.any(String), 'staging'],
        [latestOrders, 'production'],
        [expect.any(String), 'production'],
      ]);
    },
  );
});
