import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { applyDefaults } from '../applyDefaults';
import { sleep } from '../../kube/kubeCall';
import {
  DeliveryActionDeps,
  deliveryActionOutput,
  deliveryTargetInput,
  runDeliveryAction,
} from '../frame';
import { createGithubClient } from './githubClient';
import { githubFailure } from './githubFailure';
import { examples } from './dispatchWorkflowAction.examples';

const SLUG = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * Creates `delivery:workflow:dispatch`: triggers the service's GitHub Actions deploy
 * workflow (workflow_dispatch with the environment and image as inputs), finds the run it
 * started, follows it to the end and reports its URL and conclusion.
 * @public
 */
export function createDispatchWorkflowAction(deps: DeliveryActionDeps) {
  const integrations = ScmIntegrations.fromConfig(deps.rootConfig);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return createTemplateAction({
    id: 'delivery:workflow:dispatch',
    description:
      "Triggers the service's GitHub Actions deploy workflow for an environment and waits for its run",
    examples,
    schema: {
      input: {
        ...deliveryTargetInput,
        image: z => z.string().optional().describe('Passed as the image input'),
        repository: z =>
          z
            .string()
            .optional()
            .describe(
              "owner/repo; default: the entity's github.com/project-slug",
            ),
        workflow: z => z.string().default('delivery.yaml'),
        ref: z => z.string().default('main'),
        timeoutSeconds: z => z.number().int().min(30).max(21600).default(3600),
      },
      output: {
        ...deliveryActionOutput,
        workflowRunUrl: z => z.string().optional(),
        conclusion: z => z.string().optional(),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const input = applyDefaults(ctx.input, {
        workflow: 'delivery.yaml',
        ref: 'main',
        timeoutSeconds: 3600,
      });
      let owner = '';
      let repo = '';
      await runDeliveryAction(ctx, deps, {
        action: 'dispatch-workflow',
        reach: 'none',
        entityRef: input.entityRef,
        environment: input.environment,
        rolloutTimeoutSeconds: input.timeoutSeconds,
        recordedInputs: {
          workflow: input.workflow,
          ref: input.ref,
          ...(input.image ? { image: input.image } : {}),
        },
        describe: () =>
          `dispatch of ${input.workflow}@${input.ref} for ${input.environment}`,
        async check({ annotations }) {
          const slug =
            input.repository ?? annotations['github.com/project-slug'];
          if (!slug || !SLUG.test(slug))
            throw new InputError(
              input.repository
                ? `repository: "${input.repository}" must be owner/repo`
                : 'repository: the service has no github.com/project-slug annotation; name the repository',
            );
          [owner, repo] = slug.split('/');
        },
        async perform({ step }) {
          const { token } = await credentials.getCredentials({
            url: `https://github.com/${owner}/${repo}`,
          });
          if (!token)
            throw new InputError(
              `repository: no GitHub integration with credentials for ${owner}/${repo}`,
            );
          const octokit = createGithubClient({
            token,
            baseUrl:
              integrations.github.byHost('github.com')?.config.apiBaseUrl,
            logger: step.logger,
            signal: step.signal,
          });
          const call = async <T>(what: string, fn: () => Promise<T>) => {
            try {
              return await fn();
            } catch (error) {
              throw githubFailure(what, error);
            }
          };
          const started = new Date(Date.now() - 5000).toISOString();
          await step.checkpoint('dispatch.v1', async () => {
            await call(
              `dispatch of ${input.workflow} on ${owner}/${repo}@${input.ref}`,
              () =>
                octokit.rest.actions.createWorkflowDispatch({
                  owner,
                  repo,
                  workflow_id: input.workflow,
                  ref: input.ref,
                  inputs: {
                    environment: input.environment,
                    ...(input.image ? { image: input.image } : {}),
                  },
                  // A 5xx leaves unknown whether a run started; sending the dispatch
                  // again could deploy twice. Rate limits (nothing started) still wait.
                  request: { retries: 0 },
                }),
            );
            step.logger.info(
              `Dispatched ${input.workflow} on ${owner}/${repo}@${input.ref} for ${input.environment}`,
            );
          });
          const listRuns = () =>
            call(`listing runs of ${input.workflow} on ${owner}/${repo}`, () =>
              octokit.rest.actions.listWorkflowRuns({
                owner,
                repo,
                workflow_id: input.workflow,
                event: 'workflow_dispatch',
                branch: input.ref,
                created: `>=${started}`,
                per_page: 10,
              }),
            );
          const readRun = (id: number) =>
            call(`reading workflow run ${id} of ${owner}/${repo}`, () =>
              octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: id }),
            );
          // GitHub does not answer the dispatch with the run it starts: find it.
          const deadline = Date.now() + input.timeoutSeconds * 1000;
          let runId: number | undefined;
          while (!runId) {
            const runs = await listRuns();
            runId = runs.data.workflow_runs[0]?.id;
            if (!runId) {
              if (Date.now() > deadline)
                throw new Error(
                  `No run of ${input.workflow} appeared after the dispatch`,
                );
              await sleep(step.pollMs, step.signal);
            }
          }
          let last = '';
          for (;;) {
            const { data: run } = await readRun(runId);
            const state = `${run.status}${
              run.conclusion ? ` (${run.conclusion})` : ''
            }`;
            if (state !== last)
              step.logger.info(`Workflow run ${run.html_url}: ${state}`);
            last = state;
            if (run.status === 'completed') {
              ctx.output('workflowRunUrl', run.html_url);
              ctx.output('conclusion', run.conclusion ?? 'unknown');
              if (run.conclusion !== 'success')
                throw new Error(
                  `Workflow run ${run.html_url} ended ${
                    run.conclusion ?? 'without a conclusion'
                  }`,
                );
              return {
                summary: `${input.workflow} run ${run.html_url} succeeded`,
                changes: [
                  `github.com/${owner}/${repo}/workflow/${input.workflow}: dispatched on ${input.ref} for ${input.environment}, run ${run.html_url} succeeded`,
                ],
              };
            }
            if (Date.now() > deadline)
              throw new Error(
                `Workflow run ${run.html_url} still ${run.status} after ${input.timeoutSeconds}s; it keeps running on GitHub`,
              );
            await sleep(step.pollMs, step.signal);
          }
        },
      });
    },
  });
}
