import { AppsV1Api } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { runTask } from '../__testUtils__/runTask';
import {
  serviceActionTemplate,
  startDeliveryActionsBackend,
} from '../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(180_000);

const DEPLOY = 'template:default/deploy';
const REPO = 'ghcr.io/delivery-example';

describe('the smoke check with every strategy, against the sandbox fleet', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;
  let smoke: http.Server;
  /** What the smoke endpoint answers; every request gets it. */
  let answer = 200;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [
        serviceActionTemplate(
          'deploy',
          'image',
          'smokeUrl',
          'keepPreviousSeconds',
          'canarySteps',
          'canaryPauseSeconds',
          'pauseForPromotion',
          'rolloutTimeoutSeconds',
        ),
        serviceActionTemplate('promote', 'smokeUrl', 'keepPreviousSeconds'),
      ],
      fleetOptions: { timeScale: 10 },
    });
    ({ apps } = backend.cluster('staging'));
    smoke = http.createServer((_, res) => {
      res.statusCode = answer;
      res.end();
    });
    await new Promise<void>(resolve => smoke.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    smoke.close();
    await backend.fleet.stop();
  });
  afterEach(() => {
    answer = 200;
  });

  const smokeUrl = () =>
    `http://127.0.0.1:${(smoke.address() as AddressInfo).port}/health`;
  const deployment = (name: string) =>
    apps.readNamespacedDeployment({ namespace: 'propertyos', name });
  const imageOf = async (name: string) =>
    (await deployment(name)).spec?.template?.spec?.containers[0].image;
  const deploy = (values: Record<string, unknown>) =>
    runTask(backend.server, DEPLOY, { environment: 'staging', ...values });

  it('rolling: a failing check after the rollout rolls back to the previous image and fails the run', async () => {
    const service = 'propertyos-frontend';
    const previous = await imageOf(service);
    answer = 500;
    const result = await deploy({
      entityRef: `component:default/${service}`,
      image: `${REPO}/${service}:9.0.0`,
      smokeUrl: smokeUrl(),
    });
    expect(result.status).toBe('failed');
    const summary = `staging: after the rollout, smoke check ${smokeUrl()} answered 500; rolled back: ${service} is back on ${previous}`;
    expect(result.log).toContain(summary);
    // Back on the previous image, every replica of it updated and available.
    const now = await deployment(service);
    expect(now.spec?.template?.spec?.containers[0].image).toBe(previous);
    expect(now.status?.updatedReplicas).toBe(now.spec?.replicas);
    expect(now.status?.availableReplicas).toBe(now.spec?.replicas);
    const [run] = await backend.history(service);
    expect(run).toMatchObject({ status: 'failed', summary });
    expect(JSON.stringify(run.after)).toContain(previous);
  });

  it('rolling: a passing check leaves the new image serving', async () => {
    const service = 'propertyos-tenant-service';
    const image = `${REPO}/${service}:9.0.1`;
    const result = await deploy({
      entityRef: `component:default/${service}`,
      image,
      smokeUrl: smokeUrl(),
    });
    expect(result.status).toBe('completed');
    expect(result.log).toContain(`Smoke check ${smokeUrl()}: 200`);
    expect(await imageOf(service)).toBe(image);
  });

  it('canary: a failing check after a step aborts the canary, stable keeps serving, the run fails', async () => {
    const stableBefore = await deployment('propertyos-api-gateway');
    answer = 503;
    const result = await deploy({
      entityRef: 'component:default/propertyos-api-gateway',
      image: `${REPO}/propertyos-api-gateway:3.0.0`,
      canarySteps: [50],
      canaryPauseSeconds: 1,
      smokeUrl: smokeUrl(),
    });
    expect(result.status).toBe('failed');
    const summary = `staging: at 50%, smoke check ${smokeUrl()} answered 503; the canary is scaled to 0 and propertyos-api-gateway is untouched`;
    expect(result.log).toContain(summary);
    const stable = await deployment('propertyos-api-gateway');
    expect(stable.spec?.template?.spec?.containers[0].image).toBe(
      stableBefore.spec?.template?.spec?.containers[0].image,
    );
    expect(stable.spec?.replicas).toBe(stableBefore.spec?.replicas);
    expect(stable.status?.availableReplicas).toBe(stable.spec?.replicas);
    expect(
      (await deployment('propertyos-api-gateway-canary')).spec?.replicas,
    ).toBe(0);
    const [run] = await backend.history('propertyos-api-gateway');
    expect(run).toMatchObject({ status: 'failed', summary });
  });

  it('canary promotion: a failing check after stable took the image puts stable back; keepPreviousSeconds is refused', async () => {
    // In staging capsight-backend is run by an Argo Rollout; the gateway keeps Delivery's
    // own canary Deployments there.
    const entityRef = 'component:default/propertyos-api-gateway';
    const stable = () =>
      backend.cluster('staging').apps.readNamespacedDeployment({
        namespace: 'propertyos',
        name: 'propertyos-api-gateway',
      });
    const previous = (await stable()).spec?.template?.spec?.containers[0].image;
    const paused = await deploy({
      entityRef,
      image: `${REPO}/propertyos-api-gateway:8.0.0`,
      canarySteps: [50],
      canaryPauseSeconds: 0,
      pauseForPromotion: true,
      smokeUrl: smokeUrl(),
    });
    expect(paused.status).toBe('completed');

    const promote = (values: Record<string, unknown>) =>
      runTask(backend.server, 'template:default/promote', {
        environment: 'staging',
        entityRef,
        ...values,
      });
    const refused = await promote({ keepPreviousSeconds: 0 });
    expect(refused.status).toBe('failed');
    expect(refused.log).toContain(
      'keepPreviousSeconds: component:default/propertyos-api-gateway (its delivery/strategy annotation) uses the canary strategy, which does not use keepPreviousSeconds',
    );

    answer = 500;
    const promoted = await promote({ smokeUrl: smokeUrl() });
    expect(promoted.status).toBe('failed');
    expect(promoted.log).toContain(
      `staging: after the promotion, smoke check ${smokeUrl()} answered 500; rolled back: propertyos-api-gateway is back on ${previous}`,
    );
    const now = await stable();
    expect(now.spec?.template?.spec?.containers[0].image).toBe(previous);
    expect(now.status?.availableReplicas).toBe(now.spec?.replicas);
    const [run] = await backend.history('propertyos-api-gateway');
    expect(run).toMatchObject({
      action: 'promote',
      status: 'failed',
      inputs: { image: `${REPO}/propertyos-api-gateway:8.0.0` },
    });
  });

  it('refuses inputs the strategy does not use, naming the field and the strategy, and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        {
          entityRef: 'component:default/propertyos-owner-service',
          keepPreviousSeconds: 60,
        },
        'keepPreviousSeconds: component:default/propertyos-owner-service (its delivery/strategy annotation) uses the rolling strategy, which does not use keepPreviousSeconds',
      ],
      [
        {
          entityRef: 'component:default/propertyos-owner-service',
          pauseForPromotion: true,
        },
        'pauseForPromotion: component:default/propertyos-owner-service (its delivery/strategy annotation) uses the rolling strategy, which does not use pauseForPromotion',
      ],
      [
        {
          entityRef: 'component:default/propertyos-payment-service',
          canarySteps: [20],
        },
        'canarySteps: component:default/propertyos-payment-service (its delivery/strategy annotation) uses the blue-green strategy, which does not use canarySteps',
      ],
      [
        {
          entityRef: 'component:default/propertyos-api-gateway',
          keepPreviousSeconds: 0,
        },
        'keepPreviousSeconds: component:default/propertyos-api-gateway (its delivery/strategy annotation) uses the canary strategy, which does not use keepPreviousSeconds',
      ],
    ];
    for (const [values, message] of cases) {
      const name = String(values.entityRef).split('/')[1];
      const before = (await backend.history(name)).length;
      const result = await deploy({
        ...values,
        image: `${REPO}/${name}:7.7.7`,
      });
      expect(result.status).toBe('failed');
      expect(result.log).toContain(message);
      expect(await backend.history(name)).toHaveLength(before);
    }
    expect(await imageOf('propertyos-owner-service')).not.toBe(
      `${REPO}/propertyos-owner-service:7.7.7`,
    );
  });
});
