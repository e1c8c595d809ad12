import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startExampleActionDeps } from '../../__testUtils__/exampleActionDeps';
import { exampleInputs } from '../../__testUtils__/exampleInputs';
import { createDeployAction } from './deployAction';
import { examples } from './deployAction.examples';

jest.setTimeout(120_000);

describe('delivery:service:deploy examples', () => {
  let started: Awaited<ReturnType<typeof startExampleActionDeps>>;
  beforeAll(async () => {
    started = await startExampleActionDeps();
  });
  afterAll(() => started?.backend.fleet.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: a dry run against the sandbox fleet plans it and changes nothing',
    async (_, example) => {
      const action = createDeployAction(started.deps);
      for (const input of exampleInputs(example, action.id)) {
        const ctx = {
          ...createMockActionContext({ input }),
          isDryRun: true,
        };
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'summary',
          expect.stringMatching(
            /^Dry run of a (rolling|blue-green|canary) deploy of /,
          ),
        );
      }
    },
  );
});
