import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api } from '@kubernetes/client-node';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../../__testUtils__/policyPermissions';
import { runTask } from '../../__testUtils__/runTask';
import {
  catalogComponentWithBudget,
  startDeliveryActionsBackend,
  deployTemplate,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(180_000);

/**
 * The budget gate of delivery:service:deploy in staging, where anyone signed in may deploy: a
 * deploy that would take the month's forecast over the service's budget needs the platform
 * team (alice); within the budget it goes ahead for anyone. Delivery's policy decides.
 */
describe('delivery:service:deploy against the budget', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [deployTemplate()],
      // auth-service (blue-green) at $1 a month: any deploy's second colour is over it.
      extraEntities: [
        catalogComponentWithBudget('propertyos-auth-service', '1'),
        catalogComponentWithBudget('propertyos-tenant-service', '100000'),
      ],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
    });
    ({ apps } = backend.cluster('staging'));
  });
  afterAll(() => backend.fleet.stop());

  const images = (names: string[]) =>
    Promise.all(
      names.map(name =>
        apps
          .readNamespacedDeployment({ namespace: 'propertyos', name })
          .then(d => d.spec?.template?.spec?.containers[0].image),
      ),
    );
  const AUTH_COLOURS = [
    'propertyos-auth-service-blue',
    'propertyos-auth-service-green',
  ];
  const deploy = (service: string, tag: string, user: string) =>
    runTask(
      backend.server,
      'template:default/deploy',
      {
        entityRef: `component:default/${service}`,
        environment: 'staging',
        image: `ghcr.io/delivery-example/${service}:${tag}`,
        // Blue-green only: the deploy refuses an input its strategy does not use.
        ...(service === 'propertyos-auth-service'
          ? { keepPreviousSeconds: 0 }
          : {}),
      },
      mockCredentials.user.header(`user:default/${user}`),
    );

  it('refuses a developer a deploy that would go over the budget, and changes nothing', async () => {
    const before = await images(AUTH_COLOURS);
    const result = await deploy('propertyos-auth-service', '9.0.0', 'guest');
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /budget: this deploy costs \$\d+\.\d\d once: the \d{4}-\d\d forecast would be \$[\d.]+ \(now \$[\d.]+\) against the service's budget of \$1\.00\. Going over the budget needs the platform team; nothing was changed/,
    );
    expect(await images(AUTH_COLOURS)).toEqual(before);
    expect(await backend.history('propertyos-auth-service')).toEqual([]);
  });

  it('lets the platform team go over the budget, and the run says so', async () => {
    const result = await deploy('propertyos-auth-service', '9.0.1', 'alice');
    expect(result.status).toBe('completed');
    expect(result.log).toMatch(
      /Going ahead over the budget: user:default\/alice holds delivery\.budget\.override/,
    );
    const [run] = await backend.history('propertyos-auth-service');
    expect(run).toMatchObject({
      status: 'succeeded',
      initiatedBy: 'user:default/alice',
      inputs: {
        budgetCheck: {
          budgetUsd: 1,
          overBudget: true,
          overriddenBy: 'delivery.budget.override',
        },
      },
    });
    expect(run.inputs.budgetCheck.oneOffUsd).toBeGreaterThan(0);
    expect(run.inputs.budgetCheck.forecastAfterUsd).toBeGreaterThan(1);
  });

  it('lets anyone deploy within the budget', async () => {
    const result = await deploy('propertyos-tenant-service', '9.1.0', 'guest');
    expect(result.status).toBe('completed');
    expect(result.log).toMatch(
      // Its rolling surge, one small pod for at most the 10-minute rollout.
      /Budget: this deploy costs less than a cent: the \d{4}-\d\d forecast would be \$[\d.]+ \(now \$[\d.]+\) against the service's budget of \$100000\.00/,
    );
    const [run] = await backend.history('propertyos-tenant-service');
    expect(run.inputs.budgetCheck).toMatchObject({
      budgetUsd: 100000,
      overBudget: false,
    });
    expect(await images(['propertyos-tenant-service'])).toEqual([
      'ghcr.io/delivery-example/propertyos-tenant-service:9.1.0',
    ]);
  });
});
