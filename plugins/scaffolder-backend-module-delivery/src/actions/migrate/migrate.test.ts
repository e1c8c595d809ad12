import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  appliedMigrations,
  buildMigrationImage,
  freshDatabase,
  TestDatabase,
} from '../../__testUtils__/migrationImage';
import { runTask, startTask, waitForTask } from '../../__testUtils__/runTask';
import {
  actionTemplate,
  startDeliveryActionsBackend,
  startSandboxFleet,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

const MIGRATE = 'template:default/migrate';
const SERVICE = 'propertyos-tenant-service';
const NAMESPACE = 'propertyos';
const ENTITY = `component:default/${SERVICE}`;

const CREATE_TENANTS = `exports.up = knex => knex.schema.createTable('tenants', t => {
  t.increments('id');
  t.string('name');
});
exports.down = knex => knex.schema.dropTable('tenants');
`;
const CREATE_LEASES = `exports.up = knex => knex.schema.createTable('leases', t => {
  t.increments('id');
  t.integer('tenant_id');
});
exports.down = knex => knex.schema.dropTable('leases');
`;
const CREATE_INVOICES_THEN_FAIL = `exports.up = async knex => {
  await knex.schema.createTable('invoices', t => t.increments('id'));
  await knex.raw('select * from no_such_table');
};
exports.down = () => {};
`;
const DROP_NAME = `exports.up = knex => knex.schema.alterTable('tenants', t => {
  t.dropColumn('name');
});
exports.down = () => {};
`;

const image = buildMigrationImage();
const postgres =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const databases: Array<'sqlite' | 'postgres'> = postgres
  ? ['sqlite', 'postgres']
  : ['sqlite'];

describe.each(databases)('delivery:database:migrate on %s', client => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let batch: BatchV1Api;
  let core: CoreV1Api;
  let db: TestDatabase;

  beforeAll(async () => {
    // The service's migration Job image runs for real: knex against the test's database.
    // Ten times real time, so a Job's 30-second deadline (the least the action takes)
    // passes in three.
    const fleet = await startSandboxFleet({
      localImages: {
        [`ghcr.io/delivery-example/${SERVICE}`]: image.dir,
      },
      timeScale: 10,
    });
    backend = await startDeliveryActionsBackend({
      fleet,
      templates: [
        actionTemplate('migrate', 'delivery:database:migrate', [
          'entityRef',
          'environment',
          'mode',
          'overrideReason',
          'jobTimeoutSeconds',
        ]),
      ],
    });
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    batch = kc.makeApiClient(BatchV1Api);
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(async () => {
    await backend.fleet.stop();
  });

  /** The Secret the migration Job's envFrom names, pointing at a test database. */
  async function pointServiceAt(
    clusterCore: CoreV1Api,
    database: TestDatabase,
  ) {
    await clusterCore
      .deleteNamespacedSecret({ namespace: NAMESPACE, name: `${SERVICE}-db` })
      .catch(() => undefined);
    await clusterCore.createNamespacedSecret({
      namespace: NAMESPACE,
      body: {
        metadata: { name: `${SERVICE}-db`, namespace: NAMESPACE },
        stringData: database.secret,
      },
    });
  }

  beforeEach(async () => {
    db = await freshDatabase(client, postgres);
    await pointServiceAt(core, db);
  });
  afterEach(() => db.knex.destroy());

  const migrate = (values: Record<string, unknown> = {}) =>
    runTask(backend.server, MIGRATE, {
      entityRef: ENTITY,
      environment: 'staging',
      ...values,
    });
  /** tenants applied in staging; a release adds a migration dropping one of its columns. */
  async function tenantsAppliedThenDropPending() {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
    });
    expect((await migrate()).status).toBe('completed');
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      '20260104000000_drop_name.cjs': DROP_NAME,
    });
  }
  /** The Jobs a task created, by the label every one of them carries. */
  const jobsOf = async (taskId: string) =>
    (
      await batch.listNamespacedJob({
        namespace: NAMESPACE,
        labelSelector: `delivery.backstage.io/run=${taskId
          .replace(/-/g, '')
          .slice(0, 10)}`,
      })
    ).items.map(job => job.metadata!.labels!['app.kubernetes.io/component']);
  const lockOf = async () =>
    (await db.knex('knex_migrations_lock').first('is_locked')).is_locked;

  it('runs a backup, then the pending migrations in one Job, with its output in the task log and the applied files reported', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      '20260102000000_create_leases.cjs': CREATE_LEASES,
    });
    const task = await migrate();
    expect(task.status).toBe('completed');
    expect(await appliedMigrations(db.knex)).toEqual([
      '20260101000000_create_tenants.cjs',
      '20260102000000_create_leases.cjs',
    ]);
    expect(await db.knex.schema.hasTable('leases')).toBe(true);
    expect(task.log).toMatch(/staging \(staging\): 0 applied, 2 pending/);
    expect(task.log).toMatch(
      /Backup: Job propertyos\/propertyos-tenant-service-db-backup-/,
    );
    // knex's own output, streamed from the Job's pod.
    expect(task.log).toMatch(
      /propertyos-tenant-service-migrate-\w+ \| .*Batch 1 run: 2 migrations/,
    );
    expect(task.log).toMatch(
      /Applied in staging \(staging\): 20260101000000_create_tenants.cjs, 20260102000000_create_leases.cjs/,
    );
    expect(await jobsOf(task.id!)).toEqual(
      expect.arrayContaining(['backup', 'migration', 'migration-status']),
    );
    const [run] = await backend.history(SERVICE);
    expect(run).toMatchObject({ action: 'migrate', status: 'succeeded' });
    expect(run.summary).toBe(
      'applied 2 migration(s) in staging: 20260101000000_create_tenants.cjs, 20260102000000_create_leases.cjs',
    );
    // Nothing of the database's address reaches the task log or the run.
    const secretValue = db.secret.DATABASE_URL ?? db.secret.DATABASE_FILE;
    expect(task.log).not.toContain(secretValue);
    expect(JSON.stringify(run)).not.toContain(secretValue);

    const again = await migrate();
    expect(again.status).toBe('completed');
    expect(again.log).toMatch(
      /nothing to migrate in staging: 2 applied, none pending/,
    );
    expect(await jobsOf(again.id!)).toEqual(['migration-status']);
  });

  it('rolls the whole batch back when a migration fails and every one is transactional (knex runs them in one transaction)', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      '20260102000000_create_leases.cjs': CREATE_LEASES,
      '20260103000000_create_invoices.cjs': CREATE_INVOICES_THEN_FAIL,
    });
    const task = await migrate();
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /the migration Job propertyos-tenant-service-migrate-\w+ failed in staging \(staging\) \(BackoffLimitExceeded; Error, exit code 1\); applied 0 of 3; 20260103000000_create_invoices.cjs failed: .*no_such_table.*; still pending: 20260101000000_create_tenants.cjs, 20260102000000_create_leases.cjs, 20260103000000_create_invoices.cjs; knex's migration lock is free/,
    );
    expect(await appliedMigrations(db.knex)).toEqual([]);
    expect(await db.knex.schema.hasTable('tenants')).toBe(false);
    expect(Number(await lockOf())).toBe(0);
    const [run] = await backend.history(SERVICE);
    expect(run).toMatchObject({ action: 'migrate', status: 'failed' });
  });

  it('stops halfway when the batch has a non-transactional migration, reporting the files applied before the failure', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      // Outside a transaction (as CREATE INDEX CONCURRENTLY must be), so knex runs each
      // migration of the batch on its own.
      '20260102000000_create_leases.cjs': `${CREATE_LEASES}exports.config = { transaction: false };\n`,
      '20260103000000_create_invoices.cjs': CREATE_INVOICES_THEN_FAIL,
    });
    const task = await migrate();
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /applied 2 of 3 \(20260101000000_create_tenants.cjs, 20260102000000_create_leases.cjs\); 20260103000000_create_invoices.cjs failed: .*no_such_table.*; still pending: 20260103000000_create_invoices.cjs; knex's migration lock is free/,
    );
    expect(task.log).toMatch(
      /Applied in staging \(staging\): 20260101000000_create_tenants.cjs, 20260102000000_create_leases.cjs/,
    );
    expect(await appliedMigrations(db.knex)).toEqual([
      '20260101000000_create_tenants.cjs',
      '20260102000000_create_leases.cjs',
    ]);
    // The failed migration's own transaction was rolled back.
    expect(await db.knex.schema.hasTable('leases')).toBe(true);
    expect(await db.knex.schema.hasTable('invoices')).toBe(false);
    expect(Number(await lockOf())).toBe(0);
  });

  it('stops a migration at its deadline: one attempt, the batch rolled back, the lock free', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      '20260102000000_slow.cjs': `exports.up = async knex => {
  await knex.schema.createTable('slow', t => t.increments('id'));
  await new Promise(resolve => setTimeout(resolve, 120000));
};
exports.down = () => {};
`,
    });
    const task = await migrate({ jobTimeoutSeconds: 30 });
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /the migration Job propertyos-tenant-service-migrate-\w+ failed in staging \(staging\) \(DeadlineExceeded\); applied 0 of 2; still pending: 20260101000000_create_tenants.cjs, 20260102000000_slow.cjs; knex's migration lock is free/,
    );
    expect(await appliedMigrations(db.knex)).toEqual([]);
    expect(await db.knex.schema.hasTable('slow')).toBe(false);
    const [job] = (
      await batch.listNamespacedJob({
        namespace: NAMESPACE,
        labelSelector: `delivery.backstage.io/run=${task
          .id!.replace(/-/g, '')
          .slice(0, 10)},app.kubernetes.io/component=migration`,
      })
    ).items;
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 30,
    });
    expect(job.status?.failed ?? 0).toBeLessThanOrEqual(1);
  });

  it('shows a held knex lock and leaves it held, running nothing', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
    });
    expect((await migrate()).status).toBe('completed');
    // A migration that died halfway elsewhere left knex's lock taken.
    await db.knex('knex_migrations_lock').update({ is_locked: 1 });
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      '20260102000000_create_leases.cjs': CREATE_LEASES,
    });
    const task = await migrate();
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /knex's migration lock is held in staging \(staging\) \(is_locked = 1 in knex_migrations_lock\)\. It is never released automatically/,
    );
    expect(Number(await lockOf())).toBe(1);
    expect(await appliedMigrations(db.knex)).toEqual([
      '20260101000000_create_tenants.cjs',
    ]);
    expect(await jobsOf(task.id!)).toEqual(['migration-status']);

    const status = await migrate({ mode: 'status' });
    expect(status.status).toBe('completed');
    expect(status.log).toMatch(
      /staging \(staging\): 1 applied \(last 20260101000000_create_tenants.cjs\); 1 pending: 20260102000000_create_leases.cjs; lock held/,
    );
    expect(Number(await lockOf())).toBe(1);
  });

  it('refuses a second migration of the same service and environment while one runs', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
      '20260102000000_create_leases.cjs': CREATE_LEASES,
    });
    const values = { entityRef: ENTITY, environment: 'staging' };
    const [first, second] = await Promise.all([
      startTask(backend.server, MIGRATE, values),
      startTask(backend.server, MIGRATE, values),
    ]);
    const results = await Promise.all([
      waitForTask(backend.server, first.id!),
      waitForTask(backend.server, second.id!),
    ]);
    expect(results.map(r => r.status).sort()).toEqual(['completed', 'failed']);
    const refused = results.find(r => r.status === 'failed')!;
    expect(refused.log).toMatch(
      /migrate of component:default\/propertyos-tenant-service in staging is already running \(run [\w-]+, started by/,
    );
    expect(await jobsOf(refused.id!)).toEqual([]);
    // Each migration applied once.
    expect(await appliedMigrations(db.knex)).toEqual([
      '20260101000000_create_tenants.cjs',
      '20260102000000_create_leases.cjs',
    ]);
  });

  it('blocks an unsafe migration before the backup unless a written reason overrides the lint', async () => {
    await tenantsAppliedThenDropPending();
    const blocked = await migrate({ overrideReason: 'because' });
    expect(blocked.status).toBe('failed');
    expect(blocked.log).toMatch(
      /overrideReason: the safety lint blocks 1 change\(s\) in the pending migrations \(20260104000000_drop_name.cjs:2 drop-column: dropping a column/,
    );
    expect(await jobsOf(blocked.id!)).toEqual(['migration-status']);
    expect(await db.knex.schema.hasColumn('tenants', 'name')).toBe(true);

    const reason =
      'name moved to tenant_profiles in 2.3; nothing reads it (ADR-12)';
    const overridden = await migrate({ overrideReason: reason });
    expect(overridden.status).toBe('completed');
    expect(overridden.log).toMatch(
      /Safety lint overridden by user:default\/mock: name moved/,
    );
    expect(await db.knex.schema.hasColumn('tenants', 'name')).toBe(false);
    const [run] = await backend.history(SERVICE);
    expect(run.inputs).toMatchObject({ overrideReason: reason });
  });

  it('runs no migration when the backup fails', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
    });
    const cronJob = `${SERVICE}-db-backup`;
    const before = await batch.readNamespacedCronJob({
      namespace: NAMESPACE,
      name: cronJob,
    });
    const container =
      before.spec!.jobTemplate.spec!.template.spec!.containers[0];
    // The sandbox runs an image whose name says "fail" as a pod that exits with an error.
    await batch.replaceNamespacedCronJob({
      namespace: NAMESPACE,
      name: cronJob,
      body: {
        ...before,
        spec: {
          ...before.spec!,
          jobTemplate: {
            ...before.spec!.jobTemplate,
            spec: {
              ...before.spec!.jobTemplate.spec!,
              template: {
                ...before.spec!.jobTemplate.spec!.template,
                spec: {
                  ...before.spec!.jobTemplate.spec!.template.spec!,
                  containers: [
                    {
                      ...container,
                      image: 'ghcr.io/delivery-example/pg-backup:16-fail',
                    },
                  ],
                },
              },
            },
          },
        },
      },
    });
    try {
      const task = await migrate();
      expect(task.status).toBe('failed');
      expect(task.log).toMatch(
        /the backup failed, so no migration ran: Job propertyos\/propertyos-tenant-service-db-backup-\w+ ended BackoffLimitExceeded/,
      );
      expect((await jobsOf(task.id!)).sort()).toEqual([
        'backup',
        'migration-status',
      ]);
      expect(await appliedMigrations(db.knex)).toEqual([]);
    } finally {
      const now = await batch.readNamespacedCronJob({
        namespace: NAMESPACE,
        name: cronJob,
      });
      now.spec!.jobTemplate.spec!.template.spec!.containers[0] = container;
      await batch.replaceNamespacedCronJob({
        namespace: NAMESPACE,
        name: cronJob,
        body: now,
      });
    }
  });

  it('lists applied and pending migrations of every environment in status mode', async () => {
    await tenantsAppliedThenDropPending();
    // Production has a database of its own, never migrated.
    const production = await freshDatabase(client, postgres);
    await pointServiceAt(backend.cluster('production').core, production);
    const runsBefore = await backend.history(SERVICE);
    try {
      const task = await runTask(backend.server, MIGRATE, {
        entityRef: ENTITY,
        mode: 'status',
      });
      expect(task.status).toBe('completed');
      expect(task.log).toMatch(
        /staging \(staging\): 1 applied \(last 20260101000000_create_tenants.cjs\); 1 pending: 20260104000000_drop_name.cjs; lock free/,
      );
      expect(task.log).toMatch(
        /production \(production\): 0 applied; 2 pending: 20260101000000_create_tenants.cjs, 20260104000000_drop_name.cjs; lock free/,
      );
      expect(task.log).toMatch(
        /Safety lint: 20260104000000_drop_name.cjs:2 drop-column/,
      );
      // Status changes nothing: no run, nothing applied.
      expect(await appliedMigrations(production.knex)).toEqual([]);
      const runs = await backend.history(SERVICE);
      expect(runs[0].id).toBe(runsBefore[0].id);
      expect(runs).toHaveLength(runsBefore.length);
    } finally {
      await production.knex.destroy();
    }
  });
});
