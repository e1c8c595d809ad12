import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { capturedAuditLog } from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  buildMigrationImage,
  freshDatabase,
  TestDatabase,
} from '../../__testUtils__/migrationImage';
import { runTask } from '../../__testUtils__/runTask';
import {
  actionTemplate,
  startDeliveryActionsBackend,
  startSandboxFleet,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

const SERVICE = 'propertyos-tenant-service';
const NAMESPACE = 'propertyos';
const ENTITY = `component:default/${SERVICE}`;
const SECRET = 's3cret-dba-password';

const CREATE_TENANTS = `exports.up = knex => knex.schema.createTable('tenants', t => {
  t.increments('id');
});
exports.down = knex => knex.schema.dropTable('tenants');
`;

describe('the audit log of delivery:database:migrate', () => {
  const audit = capturedAuditLog();
  const image = buildMigrationImage();
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let db: TestDatabase;

  beforeAll(async () => {
    // The service's migration Job image runs knex for real against an SQLite file.
    const fleet = await startSandboxFleet({
      localImages: { [`ghcr.io/delivery-example/${SERVICE}`]: image.dir },
      timeScale: 10,
    });
    backend = await startDeliveryActionsBackend({
      fleet,
      templates: [
        actionTemplate('migrate', 'delivery:database:migrate', [
          'entityRef',
          'environment',
          'overrideReason',
        ]),
      ],
      features: [audit.factory],
    });
    db = await freshDatabase('sqlite');
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    const core = kc.makeApiClient(CoreV1Api);
    await core
      .deleteNamespacedSecret({ namespace: NAMESPACE, name: `${SERVICE}-db` })
      .catch(() => undefined);
    await core.createNamespacedSecret({
      namespace: NAMESPACE,
      body: {
        metadata: { name: `${SERVICE}-db`, namespace: NAMESPACE },
        stringData: db.secret,
      },
    });
  });
  afterAll(async () => {
    await db?.knex.destroy();
    await backend.fleet.stop();
  });

  it('records the migration with its backup and migration Jobs, and what the database holds after', async () => {
    image.setMigrations({
      '20260101000000_create_tenants.cjs': CREATE_TENANTS,
    });
    const task = await runTask(backend.server, 'template:default/migrate', {
      entityRef: ENTITY,
      environment: 'staging',
      // A reason that quotes a credential: recorded with the run, redacted in the audit.
      overrideReason: `approved by the DBA team (PGPASSWORD=${SECRET})`,
    });
    expect(task.status).toBe('completed');
    const lines = audit.lines.filter(
      l => l.eventId?.startsWith('delivery-') && l.meta?.taskId === task.id,
    );
    expect(lines.map(l => [l.eventId, l.status])).toEqual([
      ['delivery-action', 'initiated'],
      ['delivery-change', 'initiated'],
      ['delivery-change', 'succeeded'],
      ['delivery-change', 'initiated'],
      ['delivery-change', 'succeeded'],
      ['delivery-action', 'succeeded'],
    ]);
    expect(lines[0]).toMatchObject({
      severityLevel: 'medium',
      meta: {
        action: 'migrate',
        entityRef: ENTITY,
        environment: 'staging',
        initiatedBy: 'user:default/mock',
        inputs: {
          overrideReason: 'approved by the DBA team (PGPASSWORD=[redacted])',
        },
      },
    });
    expect(
      lines
        .filter(
          l => l.eventId === 'delivery-change' && l.status === 'succeeded',
        )
        .map(l => l.meta?.change),
    ).toEqual([
      expect.stringMatching(
        /^staging\/propertyos\/Job\/propertyos-tenant-service-db-backup-\w+: backup created, succeeded$/,
      ),
      expect.stringMatching(
        /^staging\/propertyos\/Job\/propertyos-tenant-service-migrate-\w+: migration created, succeeded; applied migrations 0 → 1 \(20260101000000_create_tenants.cjs\)$/,
      ),
    ]);
    expect(lines[5].meta).toMatchObject({
      point: 'run-finished',
      summary:
        'applied 1 migration(s) in staging: 20260101000000_create_tenants.cjs',
    });
    // Neither the reason's password nor the database's address is in any audit line.
    const logged = JSON.stringify(audit.lines);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain(db.secret.DATABASE_FILE);
  });
});
