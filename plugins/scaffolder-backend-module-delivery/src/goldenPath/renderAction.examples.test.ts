import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import {
  GOLDEN_PATH_OWNERS,
  VALID_PARAMETERS,
} from '../__testUtils__/goldenPathParameters';
import { createGoldenPathRenderAction } from './renderAction';
import { examples } from './renderAction.examples';
import { createGoldenPathValidateAction } from './validateAction';

/** What delivery:golden-path:validate outputs for a valid form, as a template's step reads it. */
async function validatedValues(): Promise<JsonObject> {
  const config = new ConfigReader({
    delivery: { goldenPath: { localPublish: { directory: '/tmp/repos' } } },
  });
  const ctx = createMockActionContext({
    input: { kind: 'http-service', parameters: VALID_PARAMETERS },
  });
  await createGoldenPathValidateAction({
    config: readDeliveryConfig(config),
    integrations: ScmIntegrations.fromConfig(config),
    catalog: catalogServiceMock({ entities: GOLDEN_PATH_OWNERS }),
  }).handler(ctx as any);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls).values;
}

describe('delivery:golden-path:render examples', () => {
  const workspace = createMockDirectory();
  const action = createGoldenPathRenderAction();

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: writes the platform files into the workspace',
    async (_, example) => {
      const context = {
        steps: { validate: { output: { values: await validatedValues() } } },
      };
      for (const input of exampleInputs(example, action.id, context)) {
        workspace.clear();
        const ctx = createMockActionContext({
          input,
          workspacePath: workspace.path,
        });
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'files',
          expect.arrayContaining([
            '.github/workflows/delivery.yaml',
            'deploy/base/deployment.yaml',
            'deploy/overlays/staging/kustomization.yaml',
            'deploy/overlays/production/kustomization.yaml',
          ]),
        );
      }
    },
  );
});
