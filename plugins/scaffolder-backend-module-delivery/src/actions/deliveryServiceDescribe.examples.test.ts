import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { createDeliveryServiceDescribeAction } from './deliveryServiceDescribe';
import { examples } from './deliveryServiceDescribe.examples';

describe('delivery:service:describe examples', () => {
  const action = createDeliveryServiceDescribeAction({
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'payment-service',
            annotations: {
              'backstage.io/kubernetes-id': 'payment-service',
              'delivery/strategy': 'blue-green',
              'delivery/environments': 'staging,production',
            },
          },
          spec: { type: 'service', owner: 'payments-team' },
        },
      ],
    }),
    config: readDeliveryConfig(new ConfigReader({})),
  });

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: outputs the facts later steps read',
    async (_, example) => {
      for (const input of exampleInputs(example, action.id)) {
        const ctx = createMockActionContext({ input });
        await action.handler(ctx as any);
        const outputs = Object.fromEntries(
          (ctx.output as jest.Mock).mock.calls,
        );
        expect(outputs).toMatchObject({
          entityRef: 'component:default/payment-service',
          kubernetesId: 'payment-service',
          strategy: 'blue-green',
          productionEnvironments: ['production'],
          problems: [],
        });
      }
    },
  );
});
