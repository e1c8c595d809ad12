import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { RunStore } from './RunStore';

jest.setTimeout(60_000);

describe('RunStore', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await RunStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'records a run and lists it newest first, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const entityRef = 'component:default/payment-service';
      const first = await store.startRun(
        {
          entityRef,
          environment: 'staging',
          action: 'deploy',
          initiatedBy: 'user:default/alice',
          inputs: { image: 'payment-service:1.4.0' },
        },
        new Date('2026-11-01T10:00:00Z'),
      );
      const second = await store.startRun(
        {
          entityRef,
          environment: 'production',
          action: 'rollback',
          initiatedBy: 'user:default/bob',
          taskId: 'task-1',
          inputs: { revision: 3 },
        },
        new Date('2026-11-02T10:00:00Z'),
      );
      await store.finishRun(
        first.id,
        { status: 'succeeded', summary: 'payment-service:1.4.0 on staging' },
        new Date('2026-11-01T10:05:00Z'),
      );

      const runs = await store.listRuns({ entityRef, limit: 10 });
      expect(runs.map(r => r.id)).toEqual([second.id, first.id]);
      expect(runs[1]).toEqual({
        id: first.id,
        entityRef,
        environment: 'staging',
        action: 'deploy',
        status: 'succeeded',
        initiatedBy: 'user:default/alice',
        taskId: undefined,
        inputs: { image: 'payment-service:1.4.0' },
        summary: 'payment-service:1.4.0 on staging',
        startedAt: '2026-11-01T10:00:00.000Z',
        finishedAt: '2026-11-01T10:05:00.000Z',
        before: undefined,
        after: undefined,
      });
      expect(runs[0]).toMatchObject({ status: 'running', taskId: 'task-1' });
      expect(
        await store.listRuns({
          entityRef: 'component:default/other',
          limit: 10,
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the first outcome when a finish is retried, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const run = await store.startRun({
        entityRef: 'component:default/auth-service',
        environment: 'staging',
        action: 'migrate',
        initiatedBy: 'user:default/alice',
        inputs: {},
      });
      await store.finishRun(run.id, {
        status: 'failed',
        summary: 'backup failed',
      });
      await store.finishRun(run.id, {
        status: 'succeeded',
        summary: 'retried',
      });
      const [stored] = await store.listRuns({
        entityRef: run.entityRef,
        limit: 1,
      });
      expect(stored).toMatchObject({
        status: 'failed',
        summary: 'backup failed',
      });
      await expect(
        store.finishRun('00000000-0000-0000-0000-000000000000', {
          status: 'failed',
          summary: 'x',
        }),
      ).rejects.toThrow('No delivery run with id');
    },
  );

  it.each(databases.eachSupportedId())(
    'lets one run act on a service and environment at a time, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const target = {
        entityRef: 'component:default/payment-service',
        environment: 'staging',
        action: 'deploy',
        inputs: {},
      };
      const first = await store.startRun(
        {
          ...target,
          initiatedBy: 'user:default/alice',
          before: { image: 'a:1' },
        },
        new Date('2026-11-01T10:00:00Z'),
      );
      await expect(
        store.startRun({ ...target, initiatedBy: 'user:default/bob' }),
      ).rejects.toThrow(
        `deploy of component:default/payment-service in staging is already running (run ${first.id}, started by user:default/alice at 2026-11-01T10:00:00.000Z); wait for it to finish`,
      );
      // Another environment is another target.
      await store.startRun({
        ...target,
        environment: 'production',
        initiatedBy: 'user:default/bob',
      });
      // The same run asked for again (a recovered task) is handed back, not refused.
      expect(
        await store.startRun({
          ...target,
          id: first.id,
          initiatedBy: 'user:default/alice',
        }),
      ).toMatchObject({ id: first.id, before: { image: 'a:1' } });

      await store.finishRun(first.id, {
        status: 'succeeded',
        summary: 'done',
        after: { image: 'a:2' },
      });
      const next = await store.startRun({
        ...target,
        initiatedBy: 'user:default/bob',
      });
      expect(next.status).toBe('running');
      const [latest, done] = await store
        .listRuns({
          entityRef: target.entityRef,
          limit: 10,
        })
        .then(runs => runs.filter(r => r.environment === 'staging'));
      expect(latest.id).toBe(next.id);
      expect(done).toMatchObject({
        after: { image: 'a:2' },
        status: 'succeeded',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses the second of two runs started at once, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const start = (who: string) =>
        store.startRun({
          entityRef: 'component:default/payment-service',
          environment: 'production',
          action: 'deploy',
          initiatedBy: who,
          inputs: {},
        });
      const results = await Promise.allSettled([
        start('user:default/alice'),
        start('user:default/bob'),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const refused = results.find(r => r.status === 'rejected') as
        | PromiseRejectedResult
        | undefined;
      expect(String(refused?.reason)).toMatch(/is already running/);
    },
  );

  it.each(databases.eachSupportedId())(
    'a failover holding its system refuses a failover of another service in that system, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const failover = (service: string) => ({
        entityRef: `component:default/${service}`,
        environment: 'production',
        action: 'failover',
        initiatedBy: 'user:default/alice',
        inputs: { mode: 'drill' },
        extraLocks: [
          { entityRef: 'system:default/payments', environment: 'production' },
        ],
      });
      const first = await store.startRun(failover('payment-api'));
      await expect(store.startRun(failover('payment-ledger'))).rejects.toThrow(
        `failover of component:default/payment-api in production is already running (run ${first.id}, started by user:default/alice at ${first.startedAt}, which holds system:default/payments); wait for it to finish`,
      );
      // Nothing of the refused run was kept: neither a run nor a lock.
      expect(
        await store.listRuns({
          entityRef: 'component:default/payment-ledger',
          limit: 5,
        }),
      ).toEqual([]);
      await store.finishRun(first.id, { status: 'succeeded', summary: 'ok' });
      await expect(
        store.startRun(failover('payment-ledger')),
      ).resolves.toMatchObject({ status: 'running' });
    },
  );
  it.each(databases.eachSupportedId())(
    'reads the runs of a window in one query, oldest first, by action and environment, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const record = async (
        entityRef: string,
        environment: string,
        action: string,
        at: string,
      ) => {
        const run = await store.startRun(
          {
            entityRef,
            environment,
            action,
            initiatedBy: 'user:default/alice',
            inputs: {},
          },
          new Date(at),
        );
        await store.finishRun(
          run.id,
          { status: 'succeeded', summary: action },
          new Date(at),
        );
        return run.id;
      };
      const a = 'component:default/a';
      const b = 'component:default/b';
      await record(a, 'production', 'deploy', '2026-10-01T10:00:00Z');
      const second = await record(
        b,
        'production',
        'rollback',
        '2026-11-03T10:00:00Z',
      );
      const first = await record(
        a,
        'production',
        'deploy',
        '2026-11-02T10:00:00Z',
      );
      await record(a, 'staging', 'deploy', '2026-11-04T10:00:00Z');
      await record(a, 'production', 'scale', '2026-11-05T10:00:00Z');

      const since = new Date('2026-11-01T00:00:00Z');
      const actions = ['deploy', 'rollback'];
      const production = await store.runsSince({
        since,
        actions,
        environments: ['production'],
      });
      expect(production.map(r => r.id)).toEqual([first, second]);
      const ofA = await store.runsSince({ since, actions, entityRef: a });
      expect(ofA.map(r => r.environment)).toEqual(['production', 'staging']);
      expect(
        await store.runsSince({ since, actions, environments: [] }),
      ).toEqual([]);
    },
  );
});
