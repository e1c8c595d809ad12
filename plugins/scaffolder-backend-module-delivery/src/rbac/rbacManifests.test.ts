import { mockCredentials } from '@backstage/backend-test-utils';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import request from 'supertest';
import {
  eventually,
  grantsNotUsed,
  mergeServed,
  rbacRolesNamed,
  requestsNotAllowed,
  ServedRequests,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  buildMigrationImage,
  freshDatabase,
} from '../__testUtils__/migrationImage';
import { startTask, waitForTask } from '../__testUtils__/runTask';
import {
  actionTemplate,
  serviceActionTemplate,
  deployTemplate,
  failoverTemplate,
  startDeliveryActionsBackend,
  startSandboxFleet,
} from '../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(180_000);

const NAMESPACE = 'propertyos';
const MIGRATING = 'propertyos-tenant-service';
const image = buildMigrationImage();

/**
 * docs/rbac.md against the requests the code makes: each action runs once against the
 * sandbox fleet, whose request counters say which verbs on which resources it used.
 * Everything served must be allowed by the readers' roles (the cache runs
 * throughout) or the action's own role, and every grant of a role must have been used by
 * the code it is for, so an operator applying the manifests gets neither a 403 nor more
 * access than Delivery needs.
 */
describe('docs/rbac.md holds the requests Delivery makes', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  /** What the backend reads with: every kind the cache follows, Velero included. */
  const readers = rbacRolesNamed('delivery-reader', 'delivery-velero-reader');
  /** What each action's role was held against, by role name. */
  const servedFor = new Map<string, ServedRequests[]>();

  /** The requests of all clusters since the counters were last reset, as one. */
  const served = (): ServedRequests =>
    mergeServed(...Object.values(backend.fleet.counters.snapshot()));

  beforeAll(async () => {
    // Ten times real time: the migration Job's and the rollouts' waits pass sooner.
    const fleet = await startSandboxFleet({
      localImages: { [`ghcr.io/delivery-example/${MIGRATING}`]: image.dir },
      timeScale: 10,
    });
    backend = await startDeliveryActionsBackend({
      fleet,
      templates: [
        deployTemplate(
          'canarySteps',
          'canaryPauseSeconds',
          'pauseForPromotion',
        ),
        serviceActionTemplate('promote', 'keepPreviousSeconds', 'full'),
        serviceActionTemplate('abort'),
        serviceActionTemplate('rollback', 'revision'),
        serviceActionTemplate(
          'scale',
          'replicas',
          'minReplicas',
          'maxReplicas',
        ),
        actionTemplate('migrate', 'delivery:database:migrate', [
          'entityRef',
          'environment',
          'mode',
        ]),
        failoverTemplate(),
      ],
    });
  });
  afterAll(() => backend.fleet.stop());

  /** A production switchover waits for a second platform engineer: they approve it. */
  async function approveAsSecondEngineer(entityRef: string) {
    const pending = await eventually(
      async (): Promise<{ id: string } | undefined> =>
        (
          (
            await request(backend.server)
              .get('/api/delivery/approvals')
              .query({ entityRef })
              .set('Authorization', mockCredentials.user.header())
          ).body.items ?? []
        ).find((a: { status: string }) => a.status === 'pending'),
      Boolean,
      { what: 'an approval requested' },
    );
    const decided = await request(backend.server)
      .post(`/api/delivery/approvals/${pending?.id}/decision`)
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/second-engineer'),
      )
      .send({ decision: 'approve' });
    expect(decided.status).toBe(200);
  }

  /**
   * Runs one task with the counters reset before it, and keeps what it was served;
   * `meanwhile` does what a person does while it runs (approve it).
   */
  async function runAs(
    role: string,
    template: string,
    values: Record<string, unknown>,
    meanwhile?: (entityRef: string) => Promise<void>,
  ) {
    backend.fleet.counters.reset();
    const { id } = await startTask(
      backend.server,
      `template:default/${template}`,
      values,
    );
    await meanwhile?.(String(values.entityRef));
    const result = await waitForTask(backend.server, id!);
    // The log's end says why, should a run fail.
    expect({ template, status: result.status }).toEqual({
      template,
      status: 'completed',
      ...(result.status === 'completed'
        ? {}
        : { log: result.log.slice(-1500) }),
    });
    servedFor.set(role, [...(servedFor.get(role) ?? []), served()]);
  }

  it('the cache and the DR readiness read no more and no less than the readers grant', async () => {
    // The DR readiness of a service with a database reads its database clusters.
    const readiness = await request(backend.server)
      .get('/api/delivery/dr')
      .query({ entityRef: 'component:default/propertyos-auth-service' });
    expect(readiness.status).toBe(200);
    // Every watched kind listed and watched in every cluster, and usage sampled once.
    const unused = await eventually(
      async () => readers.flatMap(role => grantsNotUsed(served(), role)),
      grants => grants.length === 0,
      { what: 'every grant of the readers used' },
    );
    expect(unused).toEqual([]);
    expect(requestsNotAllowed(served(), readers)).toEqual([]);
  });

  it('deploys (rolling, canary, blue-green), promotes, aborts and rolls back', async () => {
    const staging = { environment: 'staging' };
    await runAs('delivery-deploy', 'deploy', {
      ...staging,
      entityRef: 'component:default/propertyos-property-service',
      image: 'ghcr.io/delivery-example/propertyos-property-service:9.0.0',
    });
    await runAs('delivery-deploy', 'deploy', {
      ...staging,
      entityRef: 'component:default/propertyos-payment-service',
      image: 'ghcr.io/delivery-example/propertyos-payment-service:9.0.0',
      pauseForPromotion: true,
      keepPreviousSeconds: 0,
    });
    await runAs('delivery-deploy', 'promote', {
      ...staging,
      entityRef: 'component:default/propertyos-payment-service',
      keepPreviousSeconds: 0,
    });
    await runAs('delivery-deploy', 'deploy', {
      ...staging,
      entityRef: 'component:default/propertyos-api-gateway',
      image: 'ghcr.io/delivery-example/propertyos-api-gateway:9.0.0',
      canarySteps: [25],
      canaryPauseSeconds: 0,
      pauseForPromotion: true,
    });
    await runAs('delivery-deploy', 'abort', {
      ...staging,
      entityRef: 'component:default/propertyos-api-gateway',
    });
    await runAs('delivery-deploy', 'rollback', {
      ...staging,
      entityRef: 'component:default/propertyos-property-service',
    });
    // The same actions on the service an Argo Rollout runs in staging: its status and its
    // pod template patched, the Rollout read while it is followed.
    const argo = {
      ...staging,
      entityRef: 'component:default/capsight-backend',
    };
    await runAs('delivery-deploy', 'promote', { ...argo, full: true });
    await runAs('delivery-deploy', 'deploy', {
      ...argo,
      image: 'ghcr.io/delivery-example/capsight-backend:9.0.0',
    });
    await runAs('delivery-deploy', 'abort', argo);
  });

  it('scales the bounds of an autoscaler, and a Deployment without one', async () => {
    await runAs('delivery-scale', 'scale', {
      environment: 'staging',
      entityRef: 'component:default/propertyos-property-service',
      minReplicas: 2,
      maxReplicas: 6,
    });
    // Every seed Deployment runs under an HPA: one without has it removed first.
    await backend
      .cluster('staging')
      .autoscaling.deleteNamespacedHorizontalPodAutoscaler({
        namespace: NAMESPACE,
        name: 'propertyos-maintenance-service',
      });
    await runAs('delivery-scale', 'scale', {
      environment: 'staging',
      entityRef: 'component:default/propertyos-maintenance-service',
      replicas: 2,
    });
  });

  it('migrates', async () => {
    const db = await freshDatabase('sqlite');
    try {
      const kc = new KubeConfig();
      kc.loadFromString(backend.fleet.kubeconfig());
      kc.setCurrentContext('sandbox-staging');
      // The migration Job's Secret is the service's own, set up before the action runs.
      await kc.makeApiClient(CoreV1Api).createNamespacedSecret({
        namespace: NAMESPACE,
        body: {
          metadata: { name: `${MIGRATING}-db`, namespace: NAMESPACE },
          stringData: db.secret,
        },
      });
      image.setMigrations({
        '20260101000000_create_tenants.cjs': `exports.up = knex => knex.schema.createTable('tenants', t => t.increments('id'));
exports.down = knex => knex.schema.dropTable('tenants');
`,
      });
      await runAs('delivery-migrate', 'migrate', {
        environment: 'staging',
        entityRef: `component:default/${MIGRATING}`,
      });
    } finally {
      await db.knex.destroy();
    }
  });

  it('drills a failover, then switches over once a second engineer approves', async () => {
    await runAs('delivery-failover', 'failover', {
      environment: 'production',
      entityRef: 'component:default/propertyos-auth-service',
      mode: 'drill',
    });
    await runAs(
      'delivery-failover',
      'failover',
      {
        environment: 'production',
        // Its standby runs under an HPA, whose bounds the switchover raises.
        entityRef: 'component:default/propertyos-payment-service',
        mode: 'switchover',
        reason: 'moving payments to us-west-2',
      },
      approveAsSecondEngineer,
    );
  });

  it.each([
    'delivery-deploy',
    'delivery-scale',
    'delivery-migrate',
    'delivery-failover',
  ])('%s allows what its actions did, and nothing they did not', name => {
    const [role] = rbacRolesNamed(name);
    const runs = servedFor.get(name);
    expect(runs).toBeDefined();
    const all = mergeServed(...runs!);
    expect(requestsNotAllowed(all, [...readers, role])).toEqual([]);
    expect(grantsNotUsed(all, role)).toEqual([]);
  });
});
