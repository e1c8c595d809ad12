import { createTestRollout } from '@internal/sandbox-fleet';
import { rolloutWhen, seededRollout } from '../__testUtils__/argoRollouts';
import { runTask } from '../__testUtils__/runTask';
import {
  serviceActionTemplate,
  DeliveryActionsBackend,
  deployTemplate,
  startDeliveryActionsBackend,
} from '../__testUtils__/startDeliveryActionsBackend';
import { rolloutImage } from './argoRollout';
import { isHealthy } from './rolloutProgress';

jest.setTimeout(120_000);

const SERVICE = 'checkout-api';
const image = (tag: string) => `ghcr.io/delivery-example/${SERVICE}:${tag}`;

/**
 * Promote and abort of a blue-green Rollout (autoPromotionEnabled false, active and preview
 * Services) that a team applied to staging, for a service of the catalog, through tasks.
 */
describe('the actions on a blue-green Argo Rollout, against the sandbox fleet', () => {
  let backend: DeliveryActionsBackend;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [
        deployTemplate(),
        serviceActionTemplate('promote'),
        serviceActionTemplate('abort'),
      ],
      extraEntities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: SERVICE,
            namespace: 'default',
            annotations: {
              'backstage.io/kubernetes-id': SERVICE,
              'delivery/environments': 'staging',
            },
          },
          spec: {
            type: 'service',
            owner: 'group:default/platform-team',
            lifecycle: 'production',
          },
        },
      ],
      // Pods start four times sooner than in real time.
      fleetOptions: { timeScale: 4 },
    });
    await createTestRollout(backend.fleet, 'staging', {
      name: SERVICE,
      image: image('1.0.0'),
      strategy: { blueGreen: { autoPromotionEnabled: false } },
      labels: { 'backstage.io/kubernetes-id': SERVICE },
    });
    await rolloutWhen(backend, SERVICE, isHealthy);
  });
  afterAll(() => backend.fleet.stop());

  const run = (template: string, values: Record<string, unknown> = {}) =>
    runTask(backend.server, `template:default/${template}`, {
      entityRef: `component:default/${SERVICE}`,
      environment: 'staging',
      ...values,
    });
  const rollout = () => seededRollout(backend, SERVICE);
  const activeSelector = async () => {
    const { core } = backend.cluster('staging');
    const active = await core.readNamespacedService({
      namespace: 'rollouts-test',
      name: `${SERVICE}-active`,
    });
    return active.spec?.selector?.['rollouts-pod-template-hash'];
  };

  it('deploy stops at the blue-green pause with the preview up; promote switches the active Service to it', async () => {
    const deployed = await run('deploy', { image: image('2.0.0') });
    expect(deployed.status).toBe('completed');
    const paused = await rollout();
    const preview = paused.status!.currentPodHash!;
    expect(deployed.log).toMatch(
      `deployed ${image(
        '2.0.0',
      )} to ${SERVICE} in staging from healthy to blue-green preview ${preview} (paused)`,
    );
    expect(await activeSelector()).toBe(paused.status?.stableRS);

    const promoted = await run('promote');
    expect(promoted.status).toBe('completed');
    expect(promoted.log).toMatch(
      `promoted ${SERVICE} in staging from blue-green preview ${preview} (paused) to healthy`,
    );
    expect(await activeSelector()).toBe(preview);
    expect(rolloutImage(await rollout())).toBe(image('2.0.0'));
  });

  it('abort keeps the active Service on stable', async () => {
    expect((await run('deploy', { image: image('3.0.0') })).status).toBe(
      'completed',
    );
    const stable = (await rollout()).status?.stableRS;
    const aborted = await run('abort');
    expect(aborted.status).toBe('completed');
    expect(aborted.log).toMatch(/ to aborted: stable \S+ serves/);
    expect(await activeSelector()).toBe(stable);
  });
});
