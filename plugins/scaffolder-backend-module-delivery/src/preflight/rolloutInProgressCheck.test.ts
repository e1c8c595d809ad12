import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AppsV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../__testUtils__/policyPermissions';
import { runTask, startTask, waitForTask } from '../__testUtils__/runTask';
import {
  deployTemplate,
  startDeliveryActionsBackend,
} from '../__testUtils__/startDeliveryActionsBackend';
import { userVisibleState } from '../__testUtils__/userVisibleState';

jest.setTimeout(120_000);

const DEPLOY = 'template:default/deploy';
const NAMESPACE = 'propertyos';
const SERVICE = 'propertyos-tenant-service';
const image = (tag: string) =>
  `ghcr.io/delivery-example/propertyos-tenant-service:${tag}`;
const ALICE = mockCredentials.user.header('user:default/alice');
// Carol is in propertyos-core-team, which owns the services here, and not in the platform team.
const CAROL = mockCredentials.user.header('user:default/carol');
const REASON = 'hotfix for INC-4711 must not wait for the rollout';

/**
 * Someone else's rollout in staging, made by another client while the cluster's controllers
 * are stopped, so it stays unsettled (its generation not yet observed) for as long as the
 * test needs: deploys of the service meet it in their preflight checks.
 */
describe('preflight rollout-in-progress against the sandbox fleet', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [
        deployTemplate(
          'overrideReason',
          'canarySteps',
          'canaryPauseSeconds',
          'pauseForPromotion',
        ),
      ],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
    });
    ({ apps } = backend.cluster('staging'));
  });
  afterAll(() => backend.fleet.stop());

  const controllers = () => backend.fleet.member('staging')!.simulation;
  afterEach(() => controllers().start());

  const read = () =>
    apps.readNamespacedDeployment({ namespace: NAMESPACE, name: SERVICE });
  const imageNow = async () =>
    (await read()).spec?.template?.spec?.containers[0].image;
  /** `kubectl set image`, as kubectl names itself in managedFields. */
  const kubectlSetImage = (tag: string) =>
    apps.patchNamespacedDeployment(
      {
        namespace: NAMESPACE,
        name: SERVICE,
        fieldManager: 'kubectl-set',
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: SERVICE, image: image(tag) }] },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
  const deploy = (values: Record<string, unknown>, authorization = CAROL) =>
    runTask(
      backend.server,
      DEPLOY,
      {
        entityRef: `component:default/${SERVICE}`,
        environment: 'staging',
        ...values,
      },
      authorization,
    );

  it("refuses a deploy while someone else's change rolls out, naming it, and changes nothing", async () => {
    controllers().stop();
    await kubectlSetImage('8.1.0');
    const before = await read();
    expect(before.spec?.template?.spec?.containers[0].name).toBe(SERVICE);

    const result = await deploy({ image: image('9.0.0') });

    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /rollout-in-progress: staging: Deployment propertyos\/propertyos-tenant-service is still rolling out \([^)]*generation \d+ not yet observed\); last changed by kubectl-set at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\. Wait until the rollout finishes .*Nothing was changed; the platform team may go ahead anyway with a written overrideReason/,
    );
    const after = await read();
    expect(userVisibleState(after)).toEqual(userVisibleState(before));
    expect(after.spec?.template?.spec?.containers[0].image).toBe(
      image('8.1.0'),
    );
    expect(await backend.history(SERVICE)).toEqual([]);
  });

  it("lets the platform team go ahead with a written reason, which the run keeps, and refuses a developer's", async () => {
    controllers().stop();
    await kubectlSetImage('8.2.0');

    const developer = await deploy({
      image: image('9.1.0'),
      overrideReason: REASON,
    });
    expect(developer.status).toBe('failed');
    expect(developer.log).toMatch(
      /Only the platform team may override it \(delivery\.preflight\.override\); nothing was changed/,
    );
    expect(await imageNow()).toBe(image('8.2.0'));
    expect(await backend.history(SERVICE)).toEqual([]);

    const { id } = await startTask(
      backend.server,
      DEPLOY,
      {
        entityRef: `component:default/${SERVICE}`,
        environment: 'staging',
        image: image('9.1.0'),
        overrideReason: REASON,
      },
      ALICE,
    );
    // Past the checks once its run is recorded; the rollout needs the controllers again.
    for (;;) {
      const [run] = await backend.history(SERVICE);
      if (run) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    controllers().start();
    const platform = await waitForTask(backend.server, id!, ALICE);
    expect(platform.status).toBe('completed');
    expect(platform.log).toMatch(/Overridden by user:default\/alice/);
    expect(await imageNow()).toBe(image('9.1.0'));
    const [run] = await backend.history(SERVICE);
    expect(run).toMatchObject({
      status: 'succeeded',
      initiatedBy: 'user:default/alice',
      inputs: {
        image: image('9.1.0'),
        preflight: {
          'rollout-in-progress': {
            result: 'overridden',
            overriddenBy: 'user:default/alice',
            reason: REASON,
            deployments: [
              expect.objectContaining({
                cluster: 'staging',
                name: SERVICE,
                changedBy: 'kubectl-set',
              }),
            ],
          },
        },
      },
    });
  });

  it('counts a canary deploy paused for promotion as in progress for the next deploy', async () => {
    // In staging capsight-backend is run by an Argo Rollout; the gateway keeps Delivery's
    // own canary Deployments there, and Carol's team owns it.
    const entityRef = 'component:default/propertyos-api-gateway';
    const paused = await runTask(
      backend.server,
      DEPLOY,
      {
        entityRef,
        environment: 'staging',
        image: 'ghcr.io/delivery-example/propertyos-api-gateway:7.0.0',
        canarySteps: [25, 50],
        canaryPauseSeconds: 0,
        pauseForPromotion: true,
      },
      CAROL,
    );
    expect(paused.status).toBe('completed');
    const { apps: staging } = backend.cluster('staging');
    const stable = () =>
      staging.readNamespacedDeployment({
        namespace: 'propertyos',
        name: 'propertyos-api-gateway',
      });
    const before = await stable();

    const next = await runTask(
      backend.server,
      DEPLOY,
      {
        entityRef,
        environment: 'staging',
        image: 'ghcr.io/delivery-example/propertyos-api-gateway:7.0.1',
      },
      CAROL,
    );
    expect(next.status).toBe('failed');
    expect(next.log).toMatch(
      /rollout-in-progress: the deploy of ghcr\.io\/delivery-example\/propertyos-api-gateway:7\.0\.0 to staging \(run \S+, started by user:default\/carol at [^)]+\) is paused and awaits promote or abort; promote it \(delivery:service:promote\) or abort it \(delivery:service:abort\) first/,
    );
    expect(userVisibleState(await stable())).toEqual(userVisibleState(before));
    expect(
      (await backend.history('propertyos-api-gateway')).map(r => r.status),
    ).toEqual(['paused']);
  });
});
