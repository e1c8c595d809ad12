import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { createDeliveryServiceDescribeAction } from './deliveryServiceDescribe';
import { examples } from './deliveryServiceDescribe.examples';

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payment-service',
        annotations: {
          'backstage.io/kubernetes-id': 'payment-service',
          'delivery/tier': 'critical',
          'delivery/strategy': 'blue-green',
          'delivery/environments': 'staging,production,qa',
          'delivery/rto': 'soon',
        },
      },
      spec: {
        type: 'service',
        owner: 'payments-team',
        lifecycle: 'production',
      },
    },
  ],
});

describe('delivery:service:describe', () => {
  const config = readDeliveryConfig(new ConfigReader({}));
  const action = createDeliveryServiceDescribeAction({ catalog, config });

  it('runs its documented example and outputs the service facts', async () => {
    const input = yaml.parse(examples[0].example).steps[0].input;
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toEqual({
      entityRef: 'component:default/payment-service',
      kubernetesId: 'payment-service',
      tier: 'critical',
      rtoMinutes: 15,
      rpoMinutes: 5,
      strategy: 'blue-green',
      environments: ['staging', 'production', 'qa'],
      productionEnvironments: ['production'],
      problems: [
        'delivery/rto: "soon" is not a duration; write minutes, hours or days such as 15m, 2h, 1d',
        'delivery/environments: "qa" is not one of delivery.environments (staging, production)',
      ],
    });
  });

  it('accepts a short ref and resolves it to a component', async () => {
    const ctx = createMockActionContext({
      input: { entityRef: 'payment-service' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payment-service',
    );
  });

  it('names the field when the service is not in the catalog', async () => {
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/ghost' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'entityRef: component:default/ghost is not in the catalog',
    );
  });

  it('names the field when the ref is malformed', async () => {
    const ctx = createMockActionContext({ input: { entityRef: 'component:' } });
    await expect(action.handler(ctx)).rejects.toThrow(/^entityRef: /);
  });
});
