import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startExampleActionDeps } from '../../__testUtils__/exampleActionDeps';
import { exampleInputs } from '../../__testUtils__/exampleInputs';
import { createFailoverAction } from './failoverAction';
import { examples } from './failoverAction.examples';

jest.setTimeout(120_000);

describe('delivery:service:failover examples', () => {
  let started: Awaited<ReturnType<typeof startExampleActionDeps>>;
  beforeAll(async () => {
    started = await startExampleActionDeps();
  });
  afterAll(() => started?.backend.fleet.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: a dry run against the sandbox fleet plans it and changes nothing',
    async (_, example) => {
      const action = createFailoverAction(started.deps);
      for (const input of exampleInputs(example, action.id)) {
        const ctx = {
          ...createMockActionContext({ input }),
          isDryRun: true,
        };
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'summary',
          expect.stringMatching(
            /^Dry run of a (drill|switchover) of component:default\/propertyos-auth-service: every pre-check passes; nothing was changed$/,
          ),
        );
      }
      expect(await started.backend.history('propertyos-auth-service')).toEqual(
        [],
      );
    },
  );
});
