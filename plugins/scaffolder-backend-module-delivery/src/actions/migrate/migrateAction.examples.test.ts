import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startExampleActionDeps } from '../../__testUtils__/exampleActionDeps';
import { exampleInputs } from '../../__testUtils__/exampleInputs';
import { createMigrateAction } from './migrateAction';
import { examples } from './migrateAction.examples';

jest.setTimeout(120_000);

describe('delivery:database:migrate examples', () => {
  let started: Awaited<ReturnType<typeof startExampleActionDeps>>;
  beforeAll(async () => {
    started = await startExampleActionDeps();
  });
  afterAll(() => started?.backend.fleet.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: a dry run against the sandbox fleet plans it and changes nothing',
    async (_, example) => {
      const action = createMigrateAction(started.deps);
      for (const input of exampleInputs(example, action.id)) {
        const ctx = {
          ...createMockActionContext({ input }),
          isDryRun: true,
        };
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'summary',
          expect.stringMatching(/^Dry run of a /),
        );
      }
      expect(await started.backend.history('propertyos-owner-service')).toEqual(
        [],
      );
    },
  );
});
