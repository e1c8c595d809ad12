import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import request from 'supertest';
import { runTask, startTask, waitForTask } from '../../__testUtils__/runTask';
import {
  actionTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(180_000);

const FAILOVER = 'template:default/failover';
const INPUTS = [
  'entityRef',
  'environment',
  'mode',
  'acceptDataLoss',
  'reason',
  'timeoutSeconds',
  'verifySeconds',
];
const CNPG = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const DNS = {
  group: 'externaldns.k8s.io',
  version: 'v1alpha1',
  plural: 'dnsendpoints',
};

describe('delivery:service:failover against the sandbox fleet', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  const custom = (cluster: string) => {
    const kc = new KubeConfig();
    kc.loadFromString(backend.fleet.kubeconfig());
    kc.setCurrentContext(`sandbox-${cluster}`);
    return kc.makeApiClient(CustomObjectsApi);
  };

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [
        actionTemplate('failover', 'delivery:service:failover', INPUTS),
      ],
      // Production here is not marked as serving users, so these runs need no second
      // approver; the approval itself has its own test below, with production marked.
      environments: [{ name: 'staging' }, { name: 'production' }],
      // Promotion, set-up, catch-up and DNS sync take a second or so of the fleet's time
      // each; at ten times real time they stop adding up to most of every run.
      fleetOptions: { timeScale: 10 },
    });
  });
  afterAll(async () => {
    await backend?.fleet.stop();
  });
  afterEach(() => backend.fleet.faults.clear());

  /** What users are served by: the production Deployments, the database pair, the record. */
  async function servingState(service: string, namespace = 'propertyos') {
    const [primaryDeployments, drDeployments] = await Promise.all(
      ['production', 'production-dr'].map(async name =>
        (
          await backend.cluster(name).apps.listNamespacedDeployment({
            namespace,
            labelSelector: `backstage.io/kubernetes-id=${service}`,
          })
        ).items.map(d => `${d.metadata!.name}=${d.spec!.replicas}`),
      ),
    );
    const db = async (cluster: string) =>
      (
        (await custom(cluster).getNamespacedCustomObject({
          ...CNPG,
          namespace,
          name: `${service}-db`,
        })) as any
      ).spec.replica?.enabled === true;
    const record = (await custom('production-dr').getNamespacedCustomObject({
      ...DNS,
      namespace,
      name: service,
    })) as any;
    const drCopies = (
      await backend.cluster('production-dr').apps.listNamespacedDeployment({
        namespace,
        labelSelector: 'delivery.backstage.io/drill',
      })
    ).items.length;
    return {
      primaryDeployments,
      drDeployments,
      primaryDbIsReplica: await db('production'),
      drDbIsReplica: await db('production-dr'),
      dnsTargets: record.spec.endpoints[0].targets,
      drCopies,
    };
  }

  const lastRun = async (service: string) =>
    (await backend.history(service)).find(r => r.action === 'failover');

  it('drills a failover on copies: measured recovery time, nothing serving users changed', async () => {
    const service = 'propertyos-auth-service';
    const before = await servingState(service);
    const result = await runTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'drill',
    });
    expect(result.log).toContain('Pre-check passed: DR capacity');
    expect(result.status).toBe('completed');
    const run = await lastRun(service);
    expect(run).toMatchObject({
      status: 'succeeded',
      inputs: { mode: 'drill' },
    });
    expect(run!.summary).toMatch(
      /^Drill of component:default\/propertyos-auth-service in production: recovered in \d+ s \(RTO \d+ min\)/,
    );
    expect(run!.after.recoverySeconds).toBeGreaterThan(0);
    expect(run!.after.steps.map((s: any) => `${s.id}:${s.status}`)).toEqual([
      'pre-checks:done',
      'approval:skipped',
      'prepare:done',
      'promote:done',
      'dns:done',
      'scale-up:done',
      'verify:done',
      'clean-up:done',
    ]);
    expect(await servingState(service)).toEqual(before);
  });

  it('changes nothing when the DR side is unhealthy', async () => {
    const service = 'propertyos-property-service';
    const before = await servingState(service);
    backend.fleet.faults.add({
      cluster: 'production-dr',
      verb: 'list',
      path: '/apis/apps/v1/deployments',
      times: -1,
      action: { type: 'status', code: 503, message: 'region degraded' },
    });
    const result = await runTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'failover',
    });
    expect(result.status).toBe('failed');
    expect(result.log).toContain('Pre-check FAILED: DR cluster reachable');
    expect((await lastRun(service))!.summary).toContain(
      'pre-checks failed, nothing was changed',
    );
    backend.fleet.faults.clear();
    expect(await servingState(service)).toEqual(before);
  });

  it('refuses to fail over with lag above the RPO unless data loss is accepted, and records the lag', async () => {
    const service = 'propertyos-payment-service';
    const before = await servingState(service);
    const refused = await runTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'failover',
    });
    expect(refused.status).toBe('failed');
    expect(refused.log).toMatch(
      /Replication lag: 2700 s is above the RPO of \d+ s; failing over now loses more than the RPO allows: set acceptDataLoss/,
    );
    expect(await servingState(service)).toEqual(before);

    const accepted = await runTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'failover',
      acceptDataLoss: true,
    });
    expect(accepted.status).toBe('completed');
    const run = await lastRun(service);
    expect(run!.after).toMatchObject({
      lagSecondsAtStart: 2700,
      acceptedDataLoss: true,
      state: { databasePrimary: 'dr', dnsPointsTo: 'dr' },
    });
    expect(run!.summary).toContain('up to 2700 s of writes lost');
    const after = await servingState(service);
    expect(after.drDbIsReplica).toBe(false);
    expect(after.primaryDeployments.every(d => d.endsWith('=0'))).toBe(true);
    expect(after.dnsTargets).toEqual([
      `${service}.us-west-2.delivery.internal`,
    ]);
  });

  it('runs one failover per system: a second one in the same system is refused', async () => {
    const first = await startTask(backend.server, FAILOVER, {
      entityRef: 'component:default/propertyos-maintenance-service',
      environment: 'production',
      mode: 'drill',
    });
    // Wait until the first holds the lock (its run is recorded), then start the second.
    await eventually(() => lastRun('propertyos-maintenance-service'), Boolean, {
      what: "the first failover's run recorded",
    });
    const second = await runTask(backend.server, FAILOVER, {
      entityRef: 'component:default/propertyos-owner-service',
      environment: 'production',
      mode: 'drill',
    });
    expect(second.status).toBe('failed');
    expect(second.log).toMatch(
      /failover of component:default\/propertyos-maintenance-service in production is already running \(run .*, which holds system:default\/propertyos\)/,
    );
    expect(await lastRun('propertyos-owner-service')).toBeUndefined();
    expect((await waitForTask(backend.server, first.id!)).status).toBe(
      'completed',
    );
  });

  it('fails forward when DNS fails after the promotion, and reports where things stand', async () => {
    const service = 'propertyos-tenant-service';
    backend.fleet.faults.add({
      cluster: 'production-dr',
      verb: 'patch',
      path: `/dnsendpoints/${service}$`,
      times: -1,
      action: { type: 'status', code: 500, message: 'DNS backend down' },
    });
    backend.fleet.faults.add({
      cluster: 'production-dr',
      verb: 'update',
      path: `/dnsendpoints/${service}$`,
      times: -1,
      action: { type: 'status', code: 500, message: 'DNS backend down' },
    });
    const result = await runTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'switchover',
      reason: 'planned region exercise',
    });
    expect(result.status).toBe('failed');
    const run = await lastRun(service);
    expect(run!.summary).toMatch(
      /^Switchover of component:default\/propertyos-tenant-service in production failed forward at dns: .*DNS backend down.*Traffic does not go back to production\. Now: database primary: dr; DNS points at: primary; ready replicas: primary 0, DR \d+/,
    );
    expect(run!.after.steps.map((s: any) => `${s.id}:${s.status}`)).toEqual([
      'pre-checks:done',
      'approval:skipped',
      'fence:done',
      'catch-up:done',
      'promote:done',
      'dns:failed',
      'scale-up:done',
      'verify:done',
    ]);
    const after = await servingState(service);
    expect(after.drDbIsReplica).toBe(false);
    expect(after.primaryDbIsReplica).toBe(true);
    expect(after.dnsTargets).toEqual([
      `${service}.us-east-1.delivery.internal`,
    ]);
  });

  it('reports a health check failing after the switch without going back', async () => {
    const service = 'propertyos-owner-service';
    const { id } = await startTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'switchover',
      reason: 'planned region exercise',
      verifySeconds: 20,
    });
    // Once the DR side serves, its pods start crashing.
    const dr = backend.cluster('production-dr').apps;
    await eventually(
      async () =>
        JSON.stringify(
          (
            await request(backend.server)
              .get(`/api/scaffolder/v2/tasks/${id}/events`)
              .set('Authorization', mockCredentials.user.header())
          ).body,
        ),
      events => events.includes('Step verify: started'),
      { what: 'the verify step started', limitMs: 150_000 },
    );
    const [deployment] = (
      await dr.listNamespacedDeployment({
        namespace: 'propertyos',
        labelSelector: `backstage.io/kubernetes-id=${service}`,
      })
    ).items;
    // A bad change lands in the DR region: every pod replaced by one that crashes.
    const container = deployment.spec!.template.spec!.containers[0];
    await dr.patchNamespacedDeployment(
      {
        namespace: 'propertyos',
        name: deployment.metadata!.name!,
        body: {
          spec: {
            strategy: { type: 'Recreate', rollingUpdate: null },
            template: {
              spec: {
                containers: [
                  { name: container.name, image: `${container.image}-crash` },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const result = await waitForTask(backend.server, id!);
    expect(result.status).toBe('failed');
    const run = await lastRun(service);
    expect(run!.summary).toMatch(
      /failed forward at verify: health check failed after the switch: .* available in production-dr/,
    );
    expect(run!.after.state).toMatchObject({
      databasePrimary: 'dr',
      dnsPointsTo: 'dr',
    });
  });

  it('rolls a switchover back when the promotion is refused: primary fenced, demoted, then restored', async () => {
    const service = 'pms-app';
    const before = await servingState(service, 'pms');
    backend.fleet.faults.add({
      cluster: 'production-dr',
      verb: 'patch',
      path: `clusters/${service}-db$`,
      times: -1,
      action: { type: 'status', code: 500, message: 'operator webhook down' },
    });
    const result = await runTask(backend.server, FAILOVER, {
      entityRef: `component:default/${service}`,
      environment: 'production',
      mode: 'switchover',
      reason: 'planned region exercise',
    });
    expect(result.status).toBe('failed');
    const run = await lastRun(service);
    expect(run!.summary).toMatch(
      /^Switchover of component:default\/pms-app in production failed at promote: .*operator webhook down.*\. Rolled back: the primary serves as before$/,
    );
    expect(run!.after.steps.map((s: any) => `${s.id}:${s.status}`)).toEqual([
      'pre-checks:done',
      'approval:skipped',
      'fence:rolled-back',
      'catch-up:rolled-back',
      'promote:failed',
    ]);
    backend.fleet.faults.clear();
    expect(await servingState(service, 'pms')).toEqual(before);
    const [svc] = (
      await backend.cluster('production').core.listNamespacedService({
        namespace: 'pms',
        labelSelector: `backstage.io/kubernetes-id=${service}`,
      })
    ).items;
    expect(svc.spec!.selector).not.toHaveProperty(
      'delivery.backstage.io/fenced',
    );
  });
});
