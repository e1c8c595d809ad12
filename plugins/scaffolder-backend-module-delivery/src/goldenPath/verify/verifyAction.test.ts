import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  overlayFiles,
  VALID_DOCKERFILE,
  VALID_WORKFLOW,
  validObjects,
  validWorkspace,
} from './testFixtures';
import { createGoldenPathVerifyAction } from './verifyAction';

describe('delivery:golden-path:verify', () => {
  const mockDir = createMockDirectory();
  const action = createGoldenPathVerifyAction();
  const workspace = validWorkspace();

  it.each([false, true])(
    'logs each check that passed (dry run %s)',
    async isDryRun => {
      mockDir.setContent(workspace);
      const logger = mockServices.logger.mock();
      const ctx = createMockActionContext({
        workspacePath: mockDir.path,
        input: { values: { name: 'payments' } },
        isDryRun,
        logger,
      });
      await action.handler(ctx);
      expect(logger.info.mock.calls.map(([line]) => line)).toEqual([
        'deploy/overlays/production: 9 objects valid',
        'deploy/overlays/staging: 9 objects valid',
        '.github/workflows/delivery.yaml: valid, 2 jobs, 3 steps without expressions or template values in run scripts, every action pinned to a commit SHA',
        'Dockerfile: lint clean, final stage runs as 10001:10001 (line 10), dependencies from the lockfile (npm ci)',
        'package-lock.json: matches package.json (0 packages locked)',
      ]);
    },
  );

  it('fails with every problem of every check, one per line', async () => {
    const objects = validObjects();
    delete objects[2].spec.template.spec.containers[0].readinessProbe;
    mockDir.setContent({
      ...workspace,
      ...overlayFiles(objects, 'production'),
      '.github/workflows/delivery.yaml': VALID_WORKFLOW.replace(
        'deploy.sh apply',
        'deploy.sh apply payments-api',
      ),
      Dockerfile: VALID_DOCKERFILE.replace('USER 10001:10001', 'USER root'),
    });
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: { values: { name: 'payments-api' } },
      logger,
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: [
        'Golden-path verification failed:',
        'deploy/overlays/production: Deployment/payments: container "app" has no readiness probe',
        '.github/workflows/delivery.yaml: job "deploy", step "Deploy": run script contains the template value name ("payments-api"); pass it through env: and read the variable',
        'Dockerfile: line 10: final stage (FROM node:24.11.1-bookworm-slim AS runtime, line 7) runs as root (USER root)',
      ].join('\n'),
    });
    // What passed is still logged, so the user sees what no longer needs looking at.
    expect(logger.info).toHaveBeenCalledWith(
      'deploy/overlays/staging: 9 objects valid',
    );
  });

  it('uses the kubectl it is given', async () => {
    mockDir.setContent(workspace);
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: {},
    });
    await expect(
      createGoldenPathVerifyAction({
        kubectl: '/nonexistent/kubectl',
      }).handler(ctx),
    ).rejects.toThrow(
      'deploy/overlays/production: /nonexistent/kubectl was not found: set delivery.goldenPath.kubectl to the path of a kubectl, or leave it unset to use the bundled one',
    );
  });
});
