import { mockCredentials } from '@backstage/backend-test-utils';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { TEMPLATES_DIR } from '../../__testUtils__/goldenPathTemplates';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../../__testUtils__/policyPermissions';
import { runTask } from '../../__testUtils__/runTask';
import { userVisibleState } from '../../__testUtils__/userVisibleState';
import {
  actionTemplate,
  catalogComponentWithBudget,
  startDeliveryActionsBackend,
  startSandboxFleet,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(180_000);

const SCALE = 'template:default/scale';
const INPUTS = [
  'entityRef',
  'environment',
  'replicas',
  'minReplicas',
  'maxReplicas',
  'rolloutTimeoutSeconds',
];
const NAMESPACE = 'propertyos';
/**
 * The fleet's time at ten times real time: the HPA syncs every 15 s of it (1.5 s real), and
 * its scale-down stabilization window passes as much sooner.
 */
const TIME_SCALE = 10;
/** Alice is the platform team: she may go over a budget, so the gate never stops her. */
const ALICE = mockCredentials.user.header('user:default/alice');

type Backend = Awaited<ReturnType<typeof startDeliveryActionsBackend>>;

/** What a test asserts of one cluster: a Deployment's size, an autoscaler's bounds. */
function clusterObjects(backend: Backend, cluster: string) {
  const { apps, autoscaling } = backend.cluster(cluster);
  return {
    autoscaling,
    deployment: (name: string) =>
      apps.readNamespacedDeployment({ namespace: NAMESPACE, name }),
    autoscaler: (name: string) =>
      autoscaling.readNamespacedHorizontalPodAutoscaler({
        namespace: NAMESPACE,
        name,
      }),
    bounds: async (name: string) => {
      const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({
        namespace: NAMESPACE,
        name,
      });
      return [hpa.spec?.minReplicas, hpa.spec?.maxReplicas];
    },
  };
}

const logOfDryRun = (body: { log: Array<{ body: { message: string } }> }) =>
  body.log.map(l => l.body.message).join('\n');

/**
 * delivery:service:scale on the sandbox fleet, whose HPA controller moves the Deployments. Every
 * seed service runs under a HorizontalPodAutoscaler in staging and production (the seed
 * gives one to each Deployment with replicas), so the test removes the one of
 * propertyos-maintenance-service to have a Deployment without.
 */
describe('delivery:service:scale against the sandbox fleet', () => {
  let backend: Backend;
  let staging: ReturnType<typeof clusterObjects>;
  let production: ReturnType<typeof clusterObjects>;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [actionTemplate('scale', 'delivery:service:scale', INPUTS)],
      // propertyos-workers at $1 a month: any pod it adds takes the forecast over.
      extraEntities: [catalogComponentWithBudget('propertyos-workers', '1')],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
      fleetOptions: { timeScale: TIME_SCALE },
    });
    staging = clusterObjects(backend, 'staging');
    production = clusterObjects(backend, 'production');
    await staging.autoscaling.deleteNamespacedHorizontalPodAutoscaler({
      namespace: NAMESPACE,
      name: 'propertyos-maintenance-service',
    });
  });
  afterAll(() => backend.fleet.stop());

  const scale = (
    values: Record<string, unknown>,
    authorization: string = ALICE,
  ) =>
    runTask(
      backend.server,
      SCALE,
      { environment: 'staging', rolloutTimeoutSeconds: 90, ...values },
      authorization,
    );

  it("sets an autoscaler's bounds and waits for the Deployment to follow, recording the run", async () => {
    const service = 'propertyos-tenant-service';
    expect(await staging.bounds(service)).toEqual([1, 3]);
    expect((await staging.deployment(service)).spec?.replicas).toBe(1);

    const result = await scale({
      entityRef: `component:default/${service}`,
      minReplicas: 2,
      maxReplicas: 4,
    });

    expect(result.log).toContain(
      `Plan, staging: ${service}: HPA ${service} 1–3 → 2–4 (1 → 2 replicas)`,
    );
    expect(result.log).toContain(
      `staging: HorizontalPodAutoscaler ${service} (scales ${service}) set to 2–4 replicas (was 1–3)`,
    );
    expect(result.log).toContain(
      `staging: waiting for the HorizontalPodAutoscaler ${service} to bring ${service} from 1 into 2–4 replicas`,
    );
    expect(result.log).toMatch(
      new RegExp(
        `staging/${service}: \\d/\\d updated, \\d/\\d available \\(100%\\)`,
      ),
    );
    expect(result.status).toBe('completed');
    expect(await staging.bounds(service)).toEqual([2, 4]);
    const now = await staging.deployment(service);
    expect(now.spec?.replicas).toBeGreaterThanOrEqual(2);
    expect(now.spec?.replicas).toBeLessThanOrEqual(4);
    expect(now.status?.availableReplicas).toBe(now.spec?.replicas);

    const [run] = await backend.history(service);
    expect(run).toMatchObject({
      action: 'scale',
      environment: 'staging',
      status: 'succeeded',
      initiatedBy: 'user:default/alice',
      inputs: { minReplicas: 2, maxReplicas: 4, strategy: 'rolling' },
      summary: `${service} on staging: HPA 2–4 (was 1–3), ${now.status?.availableReplicas} replicas now`,
    });
    expect(run.inputs).toHaveProperty('budgetCheck');
    expect(run.before.clusters[0].deployments).toEqual([
      expect.objectContaining({ name: service, replicas: 1 }),
    ]);
    expect(run.after.clusters[0].deployments).toEqual([
      expect.objectContaining({
        name: service,
        replicas: now.spec?.replicas,
        ready: now.spec?.replicas,
      }),
    ]);
  });

  it('scales the live colour of a blue-green service, not the idle one, settling a lost answer by reading back', async () => {
    const service = 'propertyos-payment-service';
    // The bounds are written, but the answer never comes back.
    backend.fleet.faults.add({
      cluster: 'staging',
      verb: 'patch',
      path: `horizontalpodautoscalers/${service}$`,
      action: { type: 'timeout-after-write', ms: 1000 },
    });
    backend.fleet.counters.reset();
    const result = await scale({
      entityRef: `component:default/${service}`,
      minReplicas: 3,
    });
    expect(result.status).toBe('completed');
    expect(backend.fleet.faults.list()).toEqual([]);
    // Read back and found applied: written once, not twice.
    expect(backend.fleet.counters.snapshot().staging.patch).toEqual({
      'autoscaling/horizontalpodautoscalers': 1,
    });
    expect(await staging.bounds(service)).toEqual([3, 6]);
    const blue = await staging.deployment(`${service}-blue`);
    expect(blue.spec?.replicas).toBeGreaterThanOrEqual(3);
    expect(blue.status?.availableReplicas).toBe(blue.spec?.replicas);
    expect((await staging.deployment(`${service}-green`)).spec?.replicas).toBe(
      0,
    );
    expect(result.log).toMatch(
      new RegExp(
        `${service}-blue on staging: HPA 3–6 \\(was 1–6\\), \\d replicas now`,
      ),
    );
  });

  it('scales a Deployment without an autoscaler to the replicas asked for', async () => {
    const service = 'propertyos-maintenance-service';
    const result = await scale({
      entityRef: `component:default/${service}`,
      replicas: 3,
    });
    expect(result.log).toContain(
      `staging: ${service} scaled to 3 replicas (was 1)`,
    );
    expect(result.status).toBe('completed');
    const now = await staging.deployment(service);
    expect(now.spec?.replicas).toBe(3);
    expect(now.status?.availableReplicas).toBe(3);
    const [run] = await backend.history(service);
    expect(run).toMatchObject({
      status: 'succeeded',
      inputs: { replicas: 3 },
      summary: `${service} on staging: 3 replicas (was 1)`,
    });
  });

  it('refuses numbers that do not fit, naming the field, and changes nothing', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'propertyos-owner-service',
        { replicas: 4 },
        'replicas: propertyos-owner-service in staging is scaled by the HorizontalPodAutoscaler propertyos-owner-service; set minReplicas/maxReplicas',
      ],
      [
        'propertyos-owner-service',
        { minReplicas: 5 },
        "minReplicas: 5 is above the HPA's maxReplicas 3 (HorizontalPodAutoscaler propertyos-owner-service in staging); set maxReplicas too",
      ],
      [
        'propertyos-owner-service',
        { minReplicas: 4, maxReplicas: 2 },
        'minReplicas: 4 is above maxReplicas 2',
      ],
      [
        'propertyos-owner-service',
        {},
        'replicas: set replicas (for a Deployment without a HorizontalPodAutoscaler), or minReplicas and/or maxReplicas (for one with)',
      ],
      [
        'propertyos-document-service',
        { maxReplicas: 0 },
        'instance.maxReplicas must be greater than or equal to 1',
      ],
      [
        'propertyos-maintenance-service',
        { maxReplicas: 6 },
        'maxReplicas: propertyos-maintenance-service in staging has no HorizontalPodAutoscaler; set replicas',
      ],
    ];
    const state = async () => ({
      owner: await staging.autoscaler('propertyos-owner-service'),
      ownerDeployment: await staging.deployment('propertyos-owner-service'),
      document: await staging.autoscaler('propertyos-document-service'),
      maintenance: await staging.deployment('propertyos-maintenance-service'),
    });
    const versions = async () =>
      Object.values(await state()).map(userVisibleState);
    const before = await versions();
    for (const [service, values, message] of cases) {
      const result = await scale({
        entityRef: `component:default/${service}`,
        ...values,
      });
      expect(result.status).toBe('failed');
      expect(result.log).toContain(message);
    }
    // Not one write: specs, labels and Delivery's annotations are as they were (the
    // controllers keep writing status, so resource versions may move).
    expect(await versions()).toEqual(before);
    for (const service of [
      'propertyos-owner-service',
      'propertyos-document-service',
    ])
      expect(await backend.history(service)).toEqual([]);
  });

  it('dry run prints the plan and changes nothing', async () => {
    const service = 'propertyos-property-service';
    const bounds = await staging.bounds(service);
    const replicas = (await staging.deployment(service)).spec?.replicas;
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', ALICE)
      .send({
        template: actionTemplate('scale', 'delivery:service:scale', INPUTS),
        values: {
          entityRef: `component:default/${service}`,
          environment: 'staging',
          minReplicas: 5,
          maxReplicas: 9,
        },
        directoryContents: [],
      });
    expect(res.status).toBe(200);
    const log = logOfDryRun(res.body);
    expect(log).toContain(
      `Plan, staging: ${service}: HPA ${service} ${bounds[0]}–${bounds[1]} → 5–9 (${replicas} → 5 replicas)`,
    );
    expect(log).toContain(
      'Dry run: would start a rolling scale in staging (staging): minReplicas 5, maxReplicas 9; nothing was changed',
    );
    expect(await staging.bounds(service)).toEqual(bounds);
    expect((await staging.deployment(service)).spec?.replicas).toBe(replicas);
    expect(await backend.history(service)).toEqual([]);
  });

  it('the scale template in templates/actions passes its form to the action', async () => {
    const file = path.join(TEMPLATES_DIR, 'actions', 'scale', 'template.yaml');
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', ALICE)
      .send({
        template: yaml.parse(fs.readFileSync(file, 'utf8')),
        values: {
          entityRef: 'component:default/propertyos-owner-service',
          environment: 'staging',
          maxReplicas: 7,
        },
        directoryContents: [],
      });
    expect(logOfDryRun(res.body)).toContain(
      'Dry run: would start a rolling scale in staging (staging): maxReplicas 7; nothing was changed',
    );
  });

  it('refuses a developer a scale that adds pods over the budget, but not one that adds none', async () => {
    const service = 'propertyos-workers';
    // Grace is in propertyos-data-team, which owns the service, and not in the platform team.
    const grace = mockCredentials.user.header('user:default/grace');
    const refused = await scale(
      { entityRef: `component:default/${service}`, minReplicas: 2 },
      grace,
    );
    expect(refused.status).toBe('failed');
    expect(refused.log).toMatch(
      /budget: this scale adds \$\d+\.\d\d\/month: the \d{4}-\d\d forecast would be \$[\d.]+ \(now \$[\d.]+\) against the service's budget of \$1\.00\. Going over the budget needs the platform team; nothing was changed/,
    );
    expect(await staging.bounds(service)).toEqual([1, 3]);
    expect(await backend.history(service)).toEqual([]);

    // A lower maximum leaves the one replica running: nothing to price, nothing to ask.
    const within = await scale(
      { entityRef: `component:default/${service}`, maxReplicas: 2 },
      grace,
    );
    expect(within.log).toContain('Budget: this scale starts no pods');
    expect(within.status).toBe('completed');
    expect(await staging.bounds(service)).toEqual([1, 2]);
  });

  it('refuses a production scale by someone outside the platform team, and changes nothing', async () => {
    const service = 'propertyos-owner-service';
    const bounds = await production.bounds(service);
    const result = await scale(
      {
        entityRef: `component:default/${service}`,
        environment: 'production',
        maxReplicas: bounds[1]! + 2,
      },
      mockCredentials.user.header('user:default/guest'),
    );
    expect(result.status).toBe('failed');
    expect(result.log).toContain(
      `Only the platform team may scale ${service} in production`,
    );
    expect(await production.bounds(service)).toEqual(bounds);
    expect(await backend.history(service)).toEqual([]);
  });
});

/**
 * An environment of two primary clusters: every cluster is checked before any changes, so
 * a number that does not fit the second leaves the first as it was.
 */
describe('delivery:service:scale across the clusters of an environment', () => {
  let backend: Backend;

  beforeAll(async () => {
    const fleet = await startSandboxFleet({
      clusters: [
        {
          name: 'staging',
          environment: 'staging',
          region: 'us-east-1',
          role: 'primary',
          port: 0,
        },
        {
          name: 'staging-eu',
          environment: 'staging',
          region: 'eu-west-1',
          role: 'primary',
          port: 0,
        },
      ],
      timeScale: TIME_SCALE,
    });
    backend = await startDeliveryActionsBackend({
      templates: [actionTemplate('scale', 'delivery:service:scale', INPUTS)],
      environments: [{ name: 'staging' }],
      fleet,
    });
  });
  afterAll(() => backend.fleet.stop());

  it('changes no cluster when one of them refuses, then scales both', async () => {
    const service = 'propertyos-tenant-service';
    const staging = clusterObjects(backend, 'staging');
    const eu = clusterObjects(backend, 'staging-eu');
    await eu.autoscaling.patchNamespacedHorizontalPodAutoscaler(
      {
        namespace: NAMESPACE,
        name: service,
        body: { spec: { maxReplicas: 2 } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const before = userVisibleState(await staging.autoscaler(service));

    const refused = await runTask(backend.server, SCALE, {
      entityRef: `component:default/${service}`,
      environment: 'staging',
      minReplicas: 3,
    });
    expect(refused.status).toBe('failed');
    expect(refused.log).toContain(
      `minReplicas: 3 is above the HPA's maxReplicas 2 (HorizontalPodAutoscaler ${service} in staging-eu); set maxReplicas too`,
    );
    expect(userVisibleState(await staging.autoscaler(service))).toEqual(before);
    expect(await staging.bounds(service)).toEqual([1, 3]);

    const done = await runTask(backend.server, SCALE, {
      entityRef: `component:default/${service}`,
      environment: 'staging',
      minReplicas: 2,
      maxReplicas: 5,
    });
    expect(done.status).toBe('completed');
    for (const cluster of [staging, eu]) {
      expect(await cluster.bounds(service)).toEqual([2, 5]);
      const now = await cluster.deployment(service);
      expect(now.status?.availableReplicas).toBeGreaterThanOrEqual(2);
    }
    const [run] = await backend.history(service);
    expect(run.summary).toMatch(
      new RegExp(
        `^${service} on staging: HPA 2–5 \\(was 1–3\\), \\d replicas now; ${service} on staging-eu: HPA 2–5 \\(was 1–2\\), \\d replicas now$`,
      ),
    );
  });
});
