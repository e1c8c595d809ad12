import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { exampleInputs } from '../../__testUtils__/exampleInputs';
import { catalogComponents } from '../../__testUtils__/startDeliveryActionsBackend';
import { DeliveryApiClient } from '@internal/backstage-plugin-delivery-common';
import { createDispatchWorkflowAction } from './dispatchWorkflowAction';
import { examples } from './dispatchWorkflowAction.examples';

describe('delivery:workflow:dispatch examples', () => {
  const rootConfig = new ConfigReader({
    integrations: { github: [{ host: 'github.com', token: 'gh-test-token' }] },
  });
  const action = createDispatchWorkflowAction({
    catalog: catalogServiceMock({ entities: catalogComponents() }),
    config: readDeliveryConfig(rootConfig),
    rootConfig,
    connections: [],
    permissions: mockServices.permissions(),
    logger: mockServices.logger.mock(),
    // A dry run starts no run and checks no budget.
    delivery: {} as DeliveryApiClient,
    deliveryOnBehalfOf: () => ({} as DeliveryApiClient),
  });

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: a dry run finds the repository and plans the dispatch',
    async (_, example) => {
      for (const input of exampleInputs(example, action.id)) {
        const ctx = { ...createMockActionContext({ input }), isDryRun: true };
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'summary',
          'Dry run of a dispatch of delivery.yaml@main for staging',
        );
      }
    },
  );
});
