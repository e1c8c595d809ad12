import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleInputs } from '../../__testUtils__/exampleInputs';
import { validWorkspace } from './testFixtures';
import { createGoldenPathVerifyAction } from './verifyAction';
import { examples } from './verifyAction.examples';

// kustomize runs as a process per overlay.
jest.setTimeout(60_000);

describe('delivery:golden-path:verify examples', () => {
  const workspace = createMockDirectory();
  const action = createGoldenPathVerifyAction();

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: passes a valid workspace, logging each check',
    async (_, example) => {
      const context = {
        steps: { validate: { output: { values: { name: 'payments' } } } },
      };
      for (const input of exampleInputs(example, action.id, context)) {
        workspace.setContent(validWorkspace());
        const logger = mockServices.logger.mock();
        const ctx = createMockActionContext({
          input,
          workspacePath: workspace.path,
          logger,
        });
        await action.handler(ctx as any);
        expect(logger.info.mock.calls.map(([line]) => line)).toEqual([
          'deploy/overlays/production: 9 objects valid',
          'deploy/overlays/staging: 9 objects valid',
          expect.stringMatching(/^\.github\/workflows\/delivery\.yaml: valid/),
          expect.stringMatching(/^Dockerfile: lint clean/),
          'package-lock.json: matches package.json (0 packages locked)',
        ]);
      }
    },
  );
});
