import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api } from '@kubernetes/client-node';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../../__testUtils__/policyPermissions';
import { runTask } from '../../__testUtils__/runTask';
import {
  startDeliveryActionsBackend,
  deployTemplate,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

/**
 * Delivery's permission policy deciding: production is for the platform team (here
 * alice). Tasks are posted straight to the scaffolder API, as a script would.
 */
describe('delivery:service:deploy permissions', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [deployTemplate()],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
      // The promotion gate asks only that an image ran settled in staging first, so the
      // test need not wait out a soak.
      environments: [
        { name: 'staging' },
        { name: 'production', production: true, promotion: { soakMinutes: 0 } },
      ],
    });
    ({ apps } = backend.cluster('production'));
  });
  afterAll(() => backend.fleet.stop());

  const image = (name: string) =>
    apps
      .readNamespacedDeployment({ namespace: 'propertyos', name })
      .then(d => d.spec?.template?.spec?.containers[0].image);
  const runs = () => backend.history('propertyos-owner-service');

  it('refuses a production deploy posted by someone outside the platform team, and changes nothing', async () => {
    const before = await image('propertyos-owner-service');
    const result = await runTask(
      backend.server,
      'template:default/deploy',
      {
        entityRef: 'component:default/propertyos-owner-service',
        environment: 'production',
        image: 'ghcr.io/delivery-example/propertyos-owner-service:6.6.6',
      },
      mockCredentials.user.header('user:default/guest'),
    );
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      'Only the platform team may deploy propertyos-owner-service in production',
    );
    expect(await image('propertyos-owner-service')).toBe(before);
    expect(await runs()).toEqual([]);
  });

  it('lets the platform team deploy to production an image that ran in staging', async () => {
    const target = 'ghcr.io/delivery-example/propertyos-owner-service:6.6.7';
    const staged = await runTask(
      backend.server,
      'template:default/deploy',
      {
        entityRef: 'component:default/propertyos-owner-service',
        environment: 'staging',
        image: target,
      },
      mockCredentials.user.header('user:default/alice'),
    );
    expect(staged.status).toBe('completed');
    const result = await runTask(
      backend.server,
      'template:default/deploy',
      {
        entityRef: 'component:default/propertyos-owner-service',
        environment: 'production',
        image: target,
      },
      mockCredentials.user.header('user:default/alice'),
    );
    expect(result.status).toBe('completed');
    expect(await image('propertyos-owner-service')).toBe(target);
    expect(await runs()).toEqual([
      expect.objectContaining({
        initiatedBy: 'user:default/alice',
        environment: 'production',
        status: 'succeeded',
      }),
      expect.objectContaining({ environment: 'staging', status: 'succeeded' }),
    ]);
  });
});
