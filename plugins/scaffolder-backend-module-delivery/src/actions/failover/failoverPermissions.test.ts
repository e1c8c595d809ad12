import { mockCredentials } from '@backstage/backend-test-utils';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../../__testUtils__/policyPermissions';
import { runTask } from '../../__testUtils__/runTask';
import {
  failoverTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

/** Delivery's permission policy deciding: failovers are for the platform team (alice). */
describe('delivery:service:failover permissions', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [failoverTemplate()],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
    });
  });
  afterAll(() => backend.fleet.stop());

  it('refuses even a drill posted by someone outside the platform team, and records nothing', async () => {
    const result = await runTask(
      backend.server,
      'template:default/failover',
      {
        entityRef: 'component:default/propertyos-owner-service',
        environment: 'production',
        mode: 'drill',
      },
      mockCredentials.user.header('user:default/guest'),
    );
    expect(result.status).toBe('failed');
    expect(result.log).toContain(
      'Only the platform team may fail over propertyos-owner-service: DR drills, switchovers and failovers are theirs',
    );
    expect(await backend.history('propertyos-owner-service')).toEqual([]);
  });
});
