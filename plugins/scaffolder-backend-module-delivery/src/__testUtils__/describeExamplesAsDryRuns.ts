/* eslint-disable jest/no-export -- a helper that describes tests for the files that call
   it; jest never runs it on its own (it is not a .test.ts file), so nothing runs twice. */
import {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { DeliveryActionDeps } from '../actions/frame';
import { startExampleActionDeps } from './exampleActionDeps';
import { exampleInputs } from './exampleInputs';
import { DeliveryActionsBackend } from './startDeliveryActionsBackend';

/** What one service action's examples expect of their dry runs. */
export interface ExampleDryRunExpectations {
  /** What every step of an example that uses the action outputs as its `summary`. */
  summary: RegExp;
  /** Services the examples name: their run history stays empty, as a dry run records nothing. */
  servicesWithoutRuns?: string[];
  /** Changes the sandbox fleet once before the examples run, for an example that needs it. */
  prepare?: (backend: DeliveryActionsBackend) => Promise<unknown>;
}

/**
 * Describes `<actionId> examples`: each of the action's examples, its steps that use the
 * action run as the scaffolder would run them, as dry runs against the sandbox fleet and
 * the Delivery backend (startExampleActionDeps), the action created with the dependencies
 * the module gives it.
 */
export function describeExamplesAsDryRuns(
  actionId: string,
  createAction: (deps: DeliveryActionDeps) => TemplateAction<any, any, any>,
  examples: TemplateExample[],
  expectations: ExampleDryRunExpectations,
): void {
  describe(`${actionId} examples`, () => {
    // Starts the sandbox fleet and the Delivery backend: seconds on a busy machine.
    jest.setTimeout(120_000);

    let started: Awaited<ReturnType<typeof startExampleActionDeps>>;
    beforeAll(async () => {
      started = await startExampleActionDeps();
      await expectations.prepare?.(started.backend);
    });
    afterAll(() => started?.backend.fleet.stop());

    it.each(examples.map(example => [example.description, example] as const))(
      '%s: a dry run against the sandbox fleet plans it and changes nothing',
      async (_, example) => {
        const action = createAction(started.deps);
        if (action.id !== actionId)
          throw new Error(`the examples of ${actionId} ran ${action.id}`);
        for (const input of exampleInputs(example, action.id)) {
          const ctx = {
            ...createMockActionContext({ input }),
            isDryRun: true,
          };
          await action.handler(ctx);
          expect(ctx.output).toHaveBeenCalledWith(
            'summary',
            expect.stringMatching(expectations.summary),
          );
        }
        for (const service of expectations.servicesWithoutRuns ?? [])
          expect(await started.backend.history(service)).toEqual([]);
      },
    );
  });
}
