import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exampleInputs } from '../__testUtils__/exampleInputs';
import { createPublishLocalAction } from './publishLocalAction';
import { examples } from './publishLocalAction.examples';

describe('delivery:repository:publish-local examples', () => {
  const workspace = createMockDirectory();
  const repositories = createMockDirectory();
  const action = createPublishLocalAction({
    config: readDeliveryConfig(
      new ConfigReader({
        delivery: {
          goldenPath: { localPublish: { directory: repositories.path } },
        },
      }),
    ),
    discovery: mockServices.discovery(),
  });

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: a bare repository the catalog reads catalog-info.yaml from',
    async (_, example) => {
      const context = {
        steps: { validate: { output: { values: { name: 'tenant-api' } } } },
      };
      for (const input of exampleInputs(example, action.id, context)) {
        workspace.setContent({
          'catalog-info.yaml':
            'kind: Component\nmetadata:\n  name: tenant-api\n',
        });
        const ctx = createMockActionContext({
          input,
          workspacePath: workspace.path,
        });
        await action.handler(ctx as any);
        const outputs = Object.fromEntries(
          (ctx.output as jest.Mock).mock.calls,
        );
        expect(fs.existsSync(fileURLToPath(outputs.remoteUrl as string))).toBe(
          true,
        );
        expect(outputs.catalogInfoUrl).toMatch(
          /\/api\/delivery\/repositories\/tenant-api\/raw\/catalog-info\.yaml$/,
        );
      }
    },
  );
});
