import { mockCredentials } from '@backstage/backend-test-utils';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';
import { AppsV1Api } from '@kubernetes/client-node';
import request from 'supertest';
import {
  realPermissionFramework,
  REAL_PERMISSION_FRAMEWORK_CONFIG,
} from '../../__testUtils__/realPermissionFramework';
import { clusterWritesDuring } from '../../__testUtils__/clusterWrites';
import { runTask } from '../../__testUtils__/runTask';
import {
  DeliveryActionsBackend,
  deployTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

// A real catalog processes the example catalog first: seconds on a busy machine.
jest.setTimeout(180_000);

const header = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
/** Members of the example catalog's teams (catalog/org.yaml). */
const ALICE = header('alice'); // platform-team
const CAROL = header('carol'); // propertyos-core-team, which owns propertyos-owner-service
const GUEST = header('guest'); // propertyos-core-team
const JUDY = header('judy'); // messaging-team, which owns messaging-api
const NOBODY = header('nobody'); // in no group

const OWNER_SERVICE = 'component:default/propertyos-owner-service';
const image = (tag: string) =>
  `ghcr.io/delivery-example/propertyos-owner-service:${tag}`;

/**
 * Who may act, decided by the whole permission framework as a portal runs it: Delivery's
 * policy module in the real permission backend, its ownership condition applied by the real
 * catalog, tasks posted straight to the scaffolder API as a script would post them.
 */
describe('who may run a Delivery action, under the default policy', () => {
  let backend: DeliveryActionsBackend;
  let staging: AppsV1Api;
  let production: AppsV1Api;

  beforeAll(async () => {
    const templates = [deployTemplate()];
    backend = await startDeliveryActionsBackend({
      templates,
      catalog: 'from-features',
      features: realPermissionFramework(templates),
      config: REAL_PERMISSION_FRAMEWORK_CONFIG,
      // The promotion gate asks only that an image ran settled in staging first.
      environments: [
        { name: 'staging' },
        { name: 'production', production: true, promotion: { soakMinutes: 0 } },
      ],
    });
    ({ apps: staging } = backend.cluster('staging'));
    ({ apps: production } = backend.cluster('production'));
    // Until the catalog has processed the services, the teams and the template.
    await eventually(
      () =>
        Promise.all(
          [
            'component/default/messaging-api',
            'component/default/propertyos-owner-service',
            'group/default/messaging-team',
            'user/default/judy',
            'template/default/deploy',
          ].map(path =>
            request(backend.server)
              .get(`/api/catalog/entities/by-name/${path}`)
              .set('Authorization', mockCredentials.service.header())
              .then(res => res.status),
          ),
        ),
      statuses => statuses.every(status => status === 200),
      { what: 'the catalog serves the example catalog' },
    );
  });
  afterAll(() => backend.fleet.stop());

  const imageIn = (apps: AppsV1Api, namespace: string, name: string) =>
    apps
      .readNamespacedDeployment({ namespace, name })
      .then(d => d.spec?.template?.spec?.containers[0].image);
  /** The images of every Deployment of a service (both colours of a blue-green one). */
  const imagesOf = (apps: AppsV1Api, namespace: string, service: string) =>
    apps
      .listNamespacedDeployment({
        namespace,
        labelSelector: `backstage.io/kubernetes-id=${service}`,
      })
      .then(list =>
        list.items.map(
          d =>
            `${d.metadata?.name}: ${d.spec?.template?.spec?.containers[0].image}`,
        ),
      );
  const deploy = (
    authorization: string,
    values: { entityRef: string; environment: string; image: string },
  ) =>
    runTask(backend.server, 'template:default/deploy', values, authorization);
  /** Runs `act` and returns the writes any cluster served meanwhile. */
  const writesDuring = (act: () => Promise<unknown>) =>
    clusterWritesDuring(backend.fleet, act);

  it('refuses a member of another team, before anything changes, and says who may', async () => {
    const before = await imagesOf(staging, 'messaging', 'messaging-api');
    expect(before).not.toEqual([]);
    let result: Awaited<ReturnType<typeof deploy>> | undefined;
    const writes = await writesDuring(async () => {
      result = await deploy(GUEST, {
        entityRef: 'component:default/messaging-api',
        environment: 'staging',
        image: 'ghcr.io/delivery-example/messaging-api:9.9.9',
      });
    });
    expect(result?.status).toBe('failed');
    expect(result?.log).toContain(
      'Only messaging-team and the platform team may deploy messaging-api in staging',
    );
    expect(writes).toEqual([]);
    expect(await imagesOf(staging, 'messaging', 'messaging-api')).toEqual(
      before,
    );
    expect(await backend.history('messaging-api')).toEqual([]);

    // The same for the owner of another service acting on this one.
    const judy = await deploy(JUDY, {
      entityRef: OWNER_SERVICE,
      environment: 'staging',
      image: image('6.6.5'),
    });
    expect(judy.log).toContain(
      'Only propertyos-core-team and the platform team may deploy propertyos-owner-service in staging',
    );
    expect(await backend.history('propertyos-owner-service')).toEqual([]);
  });

  it('lets a member of the owning team deploy to staging, recorded as theirs, but not to production', async () => {
    const staged = await deploy(CAROL, {
      entityRef: OWNER_SERVICE,
      environment: 'staging',
      image: image('6.7.0'),
    });
    expect(staged.status).toBe('completed');
    expect(
      await imageIn(staging, 'propertyos', 'propertyos-owner-service'),
    ).toBe(image('6.7.0'));
    const [run] = await backend.history('propertyos-owner-service');
    expect(run).toMatchObject({
      action: 'deploy',
      environment: 'staging',
      status: 'succeeded',
      initiatedBy: 'user:default/carol',
    });

    const before = await imageIn(
      production,
      'propertyos',
      'propertyos-owner-service',
    );
    const refused = await deploy(CAROL, {
      entityRef: OWNER_SERVICE,
      environment: 'production',
      image: image('6.7.0'),
    });
    expect(refused.status).toBe('failed');
    expect(refused.log).toContain(
      'Only the platform team may deploy propertyos-owner-service in production',
    );
    expect(
      await imageIn(production, 'propertyos', 'propertyos-owner-service'),
    ).toBe(before);
  });

  it('lets the platform team deploy any service, in staging and in production', async () => {
    const staged = await deploy(ALICE, {
      entityRef: OWNER_SERVICE,
      environment: 'staging',
      image: image('6.8.0'),
    });
    expect(staged.status).toBe('completed');
    const released = await deploy(ALICE, {
      entityRef: OWNER_SERVICE,
      environment: 'production',
      image: image('6.8.0'),
    });
    expect(released.log).toContain('Done:');
    expect(released.status).toBe('completed');
    expect(
      await imageIn(production, 'propertyos', 'propertyos-owner-service'),
    ).toBe(image('6.8.0'));
    expect(
      (await backend.history('propertyos-owner-service'))
        .slice(0, 2)
        .map(run => `${run.environment} by ${run.initiatedBy}`),
    ).toEqual([
      'production by user:default/alice',
      'staging by user:default/alice',
    ]);
  });

  it('lets a user in no group read a service but run nothing on it', async () => {
    const rollouts = await request(backend.server)
      .get('/api/delivery/rollouts')
      .query({ entityRef: OWNER_SERVICE })
      .set('Authorization', NOBODY);
    expect(rollouts.status).toBe(200);

    const writes = await writesDuring(async () => {
      const result = await deploy(NOBODY, {
        entityRef: OWNER_SERVICE,
        environment: 'staging',
        image: image('6.9.0'),
      });
      expect(result.status).toBe('failed');
      expect(result.log).toContain(
        'Only propertyos-core-team and the platform team may deploy propertyos-owner-service in staging',
      );
    });
    expect(writes).toEqual([]);
  });
});
