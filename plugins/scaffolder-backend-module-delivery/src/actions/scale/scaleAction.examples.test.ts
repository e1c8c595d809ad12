import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startExampleActionDeps } from '../../__testUtils__/exampleActionDeps';
import { exampleInputs } from '../../__testUtils__/exampleInputs';
import { createScaleAction } from './scaleAction';
import { examples } from './scaleAction.examples';

jest.setTimeout(120_000);

describe('delivery:service:scale examples', () => {
  let started: Awaited<ReturnType<typeof startExampleActionDeps>>;
  beforeAll(async () => {
    started = await startExampleActionDeps();
    // The second example's service runs without an autoscaler, as scale.test.ts has it.
    await started.backend
      .cluster('staging')
      .autoscaling.deleteNamespacedHorizontalPodAutoscaler({
        namespace: 'propertyos',
        name: 'propertyos-maintenance-service',
      });
  });
  afterAll(() => started?.backend.fleet.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s: a dry run against the sandbox fleet plans it and changes nothing',
    async (_, example) => {
      const action = createScaleAction(started.deps);
      for (const input of exampleInputs(example, action.id)) {
        const ctx = {
          ...createMockActionContext({ input }),
          isDryRun: true,
        };
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith(
          'summary',
          expect.stringMatching(
            /^Dry run of a rolling scale in staging \(staging\): /,
          ),
        );
      }
    },
  );
});
