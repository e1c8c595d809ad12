import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api } from '@kubernetes/client-node';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../../__testUtils__/policyPermissions';
import { runTask } from '../../__testUtils__/runTask';
import {
  catalogComponents,
  deployTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';
import { userVisibleState } from '../../__testUtils__/userVisibleState';

jest.setTimeout(120_000);

const SERVICE = 'propertyos-tenant-service';

/**
 * A freeze of staging that is in force whatever day the test runs (every day, all day),
 * from the service's own delivery/freeze annotation: the backend reads the system clock,
 * so the freeze must not depend on the date.
 */
const frozenService = () => {
  const entity = catalogComponents().find(e => e.metadata.name === SERVICE)!;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'delivery/freeze':
          'name=Tenant data migration | environments=staging | timeZone=Europe/Berlin | rrule=FREQ=DAILY | duration=P1D | reason=tenant records are being copied',
      },
    },
  };
};

describe('delivery:service:deploy inside a freeze window', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [deployTemplate('overrideReason')],
      extraEntities: [frozenService()],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
    });
    ({ apps } = backend.cluster('staging'));
  });
  afterAll(() => backend.fleet.stop());

  const deployment = () =>
    apps.readNamespacedDeployment({ namespace: 'propertyos', name: SERVICE });
  const deploy = (image: string, user: string, overrideReason?: string) =>
    runTask(
      backend.server,
      'template:default/deploy',
      {
        entityRef: `component:default/${SERVICE}`,
        environment: 'staging',
        image: `ghcr.io/delivery-example/${SERVICE}:${image}`,
        ...(overrideReason ? { overrideReason } : {}),
      },
      mockCredentials.user.header(user),
    );

  it('refuses the deploy naming the freeze, its reason and when it lifts, and changes nothing', async () => {
    const before = userVisibleState(await deployment());
    const result = await deploy('7.0.0', 'user:default/guest');
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /freeze-window: staging is frozen for deploy: "Tenant data migration" \(tenant records are being copied\) until \d{4}-\d\d-\d\d 00:00 Europe\/Berlin \(\d{4}-\d\d-\d\d \d\d:00 UTC\) \(the service's delivery\/freeze annotation\)\. Try again after it lifts\. Nothing was changed; the platform team may go ahead anyway with a written overrideReason/,
    );
    const after = await deployment();
    expect(userVisibleState(after)).toEqual(before);
    expect(after.spec?.template?.spec?.containers[0].image).not.toContain(
      '7.0.0',
    );
    expect(await backend.history(SERVICE)).toEqual([]);
  });

  it('refuses an override from someone outside the platform team', async () => {
    const before = userVisibleState(await deployment());
    const result = await deploy(
      '7.0.1',
      'user:default/guest',
      'the tenant fix cannot wait for the copy',
    );
    expect(result.status).toBe('failed');
    expect(result.log).toContain(
      'Only the platform team may override it (delivery.preflight.override); nothing was changed',
    );
    expect(userVisibleState(await deployment())).toEqual(before);
    expect(await backend.history(SERVICE)).toEqual([]);
  });

  it('lets the platform team override with a reason, which the run keeps', async () => {
    const reason = 'INC-5123: tenants cannot sign leases, the fix cannot wait';
    const image = `ghcr.io/delivery-example/${SERVICE}:7.0.2`;
    const result = await deploy('7.0.2', 'user:default/alice', reason);
    expect(result.status).toBe('completed');
    expect(result.log).toContain(
      `Overridden by user:default/alice: "${reason}"`,
    );
    const after = await deployment();
    expect(after.spec?.template?.spec?.containers[0].image).toBe(image);
    const [run] = await backend.history(SERVICE);
    expect(run).toMatchObject({
      action: 'deploy',
      environment: 'staging',
      status: 'succeeded',
      initiatedBy: 'user:default/alice',
      inputs: {
        image,
        preflight: {
          'freeze-window': {
            result: 'overridden',
            overriddenBy: 'user:default/alice',
            reason,
            freezes: [
              expect.objectContaining({
                name: 'Tenant data migration',
                source: 'annotation',
              }),
            ],
          },
        },
      },
    });
  });
});
