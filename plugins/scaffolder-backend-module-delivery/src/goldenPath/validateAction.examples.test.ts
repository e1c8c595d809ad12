import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import {
  GOLDEN_PATH_OWNERS,
  VALID_PARAMETERS,
} from '../__testUtils__/goldenPathParameters';
import { createGoldenPathValidateAction } from './validateAction';
import { examples } from './validateAction.examples';

describe('delivery:golden-path:validate examples', () => {
  const config = new ConfigReader({
    delivery: { goldenPath: { localPublish: { directory: '/tmp/repos' } } },
  });
  const action = createGoldenPathValidateAction({
    config: readDeliveryConfig(config),
    integrations: ScmIntegrations.fromConfig(config),
    catalog: catalogServiceMock({ entities: GOLDEN_PATH_OWNERS }),
  });

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: outputs the values the skeleton renders with',
    async (_, example) => {
      const inputs = exampleInputs(example, action.id, {
        parameters: VALID_PARAMETERS,
      });
      for (const input of inputs) {
        const ctx = createMockActionContext({ input });
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'values',
          expect.objectContaining({
            kind: 'http-service',
            name: 'tenant-api',
            namespace: 'tenant-api',
          }),
        );
      }
    },
  );
});
