import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
} from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { runTask, startTask, waitForTask } from '../../__testUtils__/runTask';
import { userVisibleState } from '../../__testUtils__/userVisibleState';
import {
  actionTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

const DEPLOY = 'template:default/deploy';
const INPUTS = [
  'entityRef',
  'environment',
  'image',
  'strategy',
  'smokeUrl',
  'keepPreviousSeconds',
  'canarySteps',
  'canaryPauseSeconds',
  'rolloutTimeoutSeconds',
];

describe('delivery:service:deploy against the sandbox fleet', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;
  let core: CoreV1Api;
  let autoscaling: AutoscalingV2Api;
  let smoke: http.Server;
  let smokeAnswers: number[] = [];

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [actionTemplate('deploy', 'delivery:service:deploy', INPUTS)],
      // A service whose namespace and workloads were never created in the cluster.
      extraEntities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'ledger',
            namespace: 'default',
            annotations: {
              'backstage.io/kubernetes-id': 'ledger',
              'delivery/environments': 'staging,production',
            },
          },
          spec: {
            type: 'service',
            owner: 'group:default/x',
            lifecycle: 'production',
          },
        },
      ],
      // Pods start, and progress deadlines pass, ten times sooner than in real time.
      fleetOptions: { timeScale: 10 },
    });
    ({ apps, core, autoscaling } = backend.cluster('staging'));
    // A smoke endpoint whose answers the test scripts: 200 unless told otherwise.
    smoke = http.createServer((_, res) => {
      res.statusCode = smokeAnswers.shift() ?? 200;
      res.end();
    });
    await new Promise<void>(resolve => smoke.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    smoke.close();
    await backend.fleet.stop();
  });
  afterEach(() => {
    backend.fleet.faults.clear();
    smokeAnswers = [];
  });

  const smokeUrl = () =>
    `http://127.0.0.1:${(smoke.address() as AddressInfo).port}/health`;
  const deployment = (name: string) =>
    apps.readNamespacedDeployment({ namespace: 'propertyos', name });
  const selector = async (name: string) =>
    (await core.readNamespacedService({ namespace: 'propertyos', name })).spec
      ?.selector?.['delivery/track'];
  const imageOf = async (name: string) =>
    (await deployment(name)).spec?.template?.spec?.containers[0].image;
  const history = (entity: string) => backend.history(entity);
  const deploy = (values: Record<string, unknown>) =>
    runTask(backend.server, DEPLOY, { environment: 'staging', ...values });

  it('rolling: sets the image, follows the rollout, records before and after', async () => {
    const image = 'ghcr.io/delivery-example/propertyos-tenant-service:9.1.0';
    const before = await imageOf('propertyos-tenant-service');
    const result = await deploy({
      entityRef: 'component:default/propertyos-tenant-service',
      image,
    });
    expect(result.log).toMatch(
      /propertyos-tenant-service: \d+\/\d+ updated, \d+\/\d+ available \(100%\)/,
    );
    expect(result.status).toBe('completed');
    const now = await deployment('propertyos-tenant-service');
    expect(now.spec?.template?.spec?.containers[0].image).toBe(image);
    expect(now.status?.updatedReplicas).toBe(now.spec?.replicas);
    const [run] = await history('propertyos-tenant-service');
    expect(run).toMatchObject({
      action: 'deploy',
      environment: 'staging',
      status: 'succeeded',
      initiatedBy: 'user:default/mock',
      inputs: { image, strategy: 'rolling' },
    });
    expect(JSON.stringify(run.before)).toContain(before);
    expect(JSON.stringify(run.after)).toContain(image);
  });

  it('rolling: fails a rollout that never becomes ready, naming the pods and why', async () => {
    const result = await deploy({
      entityRef: 'component:default/propertyos-property-service',
      image:
        'ghcr.io/delivery-example/propertyos-property-service:9.9.9-missing',
      rolloutTimeoutSeconds: 10,
    });
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /not ready after 10s; pods not ready: propertyos-property-service-\S+: (ErrImagePull|ImagePullBackOff)/,
    );
    const [run] = await history('propertyos-property-service');
    expect(run).toMatchObject({ status: 'failed' });
  });

  it('blue-green: deploys the idle colour, switches the Service, moves the autoscaler, scales the old colour down', async () => {
    const image = 'ghcr.io/delivery-example/propertyos-payment-service:5.0.0';
    expect(await selector('propertyos-payment-service')).toBe('blue');
    const result = await deploy({
      entityRef: 'component:default/propertyos-payment-service',
      image,
      smokeUrl: smokeUrl(),
      keepPreviousSeconds: 0,
    });
    expect(result.status).toBe('completed');
    expect(await selector('propertyos-payment-service')).toBe('green');
    expect(await imageOf('propertyos-payment-service-green')).toBe(image);
    expect(
      (await deployment('propertyos-payment-service-blue')).spec?.replicas,
    ).toBe(0);
    const green = await deployment('propertyos-payment-service-green');
    expect(green.status?.availableReplicas).toBe(green.spec?.replicas);
    const hpas = await autoscaling.listNamespacedHorizontalPodAutoscaler({
      namespace: 'propertyos',
    });
    expect(
      hpas.items.find(
        h =>
          h.metadata?.labels?.['backstage.io/kubernetes-id'] ===
          'propertyos-payment-service',
      )?.spec?.scaleTargetRef?.name,
    ).toBe('propertyos-payment-service-green');
  });

  it('blue-green: a new colour that never gets ready leaves the Service alone and is scaled down', async () => {
    const namespace = 'messaging';
    const serviceBefore = await core.readNamespacedService({
      namespace,
      name: 'messaging-api',
    });
    const result = await deploy({
      entityRef: 'component:default/messaging-api',
      image: 'ghcr.io/delivery-example/messaging-api:7.0.0-unready',
      rolloutTimeoutSeconds: 10,
    });
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(/blue still takes traffic/);
    const serviceAfter = await core.readNamespacedService({
      namespace,
      name: 'messaging-api',
    });
    expect(serviceAfter.spec?.selector).toEqual(serviceBefore.spec?.selector);
    expect(userVisibleState(serviceAfter)).toEqual(
      userVisibleState(serviceBefore),
    );
    expect(
      (
        await apps.readNamespacedDeployment({
          namespace,
          name: 'messaging-api-green',
        })
      ).spec?.replicas,
    ).toBe(0);
  });

  it('blue-green: a 409 on the switch is re-read and re-checked, and a lost answer on the new colour is read back', async () => {
    backend.fleet.faults.add({
      cluster: 'staging',
      verb: 'update',
      path: 'services/propertyos-auth-service$',
      action: {
        type: 'status',
        code: 409,
        message: 'the object has been modified',
      },
    });
    backend.fleet.faults.add({
      cluster: 'staging',
      verb: 'patch',
      path: 'deployments/propertyos-auth-service-green$',
      action: { type: 'timeout-after-write', ms: 1000 },
    });
    backend.fleet.faults.add({
      cluster: 'staging',
      verb: 'list',
      action: { type: 'status', code: 429, retryAfterSeconds: 1 },
      times: 2,
    });
    const image = 'ghcr.io/delivery-example/propertyos-auth-service:4.0.0';
    const result = await deploy({
      entityRef: 'component:default/propertyos-auth-service',
      image,
      keepPreviousSeconds: 0,
    });
    expect(result.log).toMatch(/throttling \(429\); trying again in 1s/);
    expect(result.status).toBe('completed');
    expect(await selector('propertyos-auth-service')).toBe('green');
    expect(await imageOf('propertyos-auth-service-green')).toBe(image);
    // Every fault was met (a rule leaves the list once used up).
    expect(backend.fleet.faults.list()).toEqual([]);
  });

  it('blue-green: a smoke check failing after the switch switches back', async () => {
    // Before the switch: 200. After: three failures.
    smokeAnswers = [200, 503, 503, 503];
    const before = await selector('propertyos-payment-service');
    const result = await deploy({
      entityRef: 'component:default/propertyos-payment-service',
      image: 'ghcr.io/delivery-example/propertyos-payment-service:5.1.0',
      smokeUrl: smokeUrl(),
      keepPreviousSeconds: 0,
    });
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /after the switch, smoke check .* answered 503; traffic is back on/,
    );
    expect(await selector('propertyos-payment-service')).toBe(before);
  });

  it('canary: steps through the weights, then promotes stable and empties the canary', async () => {
    const image = 'ghcr.io/delivery-example/propertyos-api-gateway:2.0.0';
    const result = await deploy({
      entityRef: 'component:default/propertyos-api-gateway',
      image,
      canarySteps: [50],
      canaryPauseSeconds: 1,
    });
    expect(result.log).toMatch(/canary at \d+% of pods/);
    expect(result.status).toBe('completed');
    expect(await imageOf('propertyos-api-gateway')).toBe(image);
    expect(
      (await deployment('propertyos-api-gateway-canary')).spec?.replicas,
    ).toBe(0);
  });

  it('refuses a second deploy of the same service and environment while one runs', async () => {
    const first = await startTask(backend.server, DEPLOY, {
      environment: 'staging',
      entityRef: 'component:default/propertyos-owner-service',
      image: 'ghcr.io/delivery-example/propertyos-owner-service:8.0.0-slow',
    });
    // Wait until the first holds the lock (its run is recorded), then try a second. The
    // cluster's controllers pause meanwhile, so the first is still running whatever the
    // second takes, however fast the fleet's pods start.
    const staging = backend.fleet.member('staging')!.simulation;
    for (;;) {
      const [run] = await history('propertyos-owner-service');
      if (run?.status === 'running') break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    staging.stop();
    const second = await deploy({
      entityRef: 'component:default/propertyos-owner-service',
      image: 'ghcr.io/delivery-example/propertyos-owner-service:8.0.1',
    }).finally(() => staging.start());
    expect(second.status).toBe('failed');
    expect(second.log).toMatch(
      /deploy of component:default\/propertyos-owner-service in staging is already running/,
    );
    expect((await waitForTask(backend.server, first.id!)).status).toBe(
      'completed',
    );
    expect(await imageOf('propertyos-owner-service')).toBe(
      'ghcr.io/delivery-example/propertyos-owner-service:8.0.0-slow',
    );
  });

  it('names the field of bad input and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { entityRef: 'component:default/propertyos-frontend', image: 'nginx' },
        /image: "nginx" must be an image reference with a tag or a sha256 digest/,
      ],
      [
        {
          entityRef: 'component:default/propertyos-frontend',
          image: 'a:1',
          environment: 'qa',
        },
        /environment: "qa" is not one of staging, production/,
      ],
      [
        { entityRef: 'component:default/nope', image: 'a:1' },
        /entityRef: component:default\/nope is not in the catalog/,
      ],
      [
        {
          entityRef: 'component:default/propertyos-frontend',
          image: 'a:1',
          smokeUrl: 'file:///etc/passwd',
        },
        /smokeUrl: must be an http or https URL/,
      ],
    ];
    const before = await imageOf('propertyos-frontend');
    for (const [values, message] of cases) {
      const result = await deploy(values);
      expect(result.status).toBe('failed');
      expect(result.log).toMatch(message);
    }
    expect(await imageOf('propertyos-frontend')).toBe(before);
    expect(await history('propertyos-frontend')).toEqual([]);
  });

  it('dry run reads and reports, and changes nothing', async () => {
    const before = await imageOf('propertyos-maintenance-service');
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: actionTemplate('deploy', 'delivery:service:deploy', INPUTS),
        values: {
          environment: 'staging',
          entityRef: 'component:default/propertyos-maintenance-service',
          image:
            'ghcr.io/delivery-example/propertyos-maintenance-service:9.0.0',
        },
        directoryContents: [],
      });
    expect(res.status).toBe(200);
    const log = (res.body.log as Array<{ body: { message: string } }>)
      .map(l => l.body.message)
      .join('\n');
    expect(log).toMatch(
      /Dry run: would start a rolling deploy of .*:9\.0\.0 to staging \(staging\); nothing was changed/,
    );
    expect(await imageOf('propertyos-maintenance-service')).toBe(before);
    expect(await history('propertyos-maintenance-service')).toEqual([]);
  });

  it('refuses a service whose namespace is not in the cluster, naming what is missing', async () => {
    const result = await deploy({
      entityRef: 'component:default/ledger',
      image: 'ghcr.io/acme/ledger:1.0.0',
    });
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /environment: staging runs no Deployment labelled backstage.io\/kubernetes-id=ledger \(is the namespace there\?\)/,
    );
    expect(await history('ledger')).toEqual([]);
  });

  it('honours a cancel at a safe point: the switch stands, the run is recorded as aborted', async () => {
    const entityRef = 'component:default/propertyos-auth-service';
    const live = await selector('propertyos-auth-service');
    const { id } = await startTask(backend.server, DEPLOY, {
      environment: 'staging',
      entityRef,
      image: 'ghcr.io/delivery-example/propertyos-auth-service:4.1.0',
      keepPreviousSeconds: 120,
    });
    // Cancel while the previous colour is being kept, after the switch.
    for (;;) {
      const events = await request(backend.server)
        .get(`/api/scaffolder/v2/tasks/${id}/events`)
        .set('Authorization', mockCredentials.user.header());
      if (JSON.stringify(events.body).includes('before scaling it down')) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    await request(backend.server)
      .post(`/api/scaffolder/v2/tasks/${id}/cancel`)
      .set('Authorization', mockCredentials.user.header());
    const result = await waitForTask(backend.server, id!);
    // The scaffolder ends a cancelled step's task as failed or cancelled, by version.
    expect(['cancelled', 'failed']).toContain(result.status);
    expect(result.log).toMatch(/has been cancelled/);
    const switched = live === 'blue' ? 'green' : 'blue';
    expect(await selector('propertyos-auth-service')).toBe(switched);
    // The previous colour was not scaled down: switching back stays instant.
    expect(
      (await deployment(`propertyos-auth-service-${live}`)).spec?.replicas,
    ).toBeGreaterThan(0);
    const [run] = await history('propertyos-auth-service');
    expect(run).toMatchObject({ status: 'aborted' });
  });
});
