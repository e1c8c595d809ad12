import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { runGoldenPathChecks } from './verifyWorkspace';
import { examples } from './verifyAction.examples';

/**
 * Creates `delivery:golden-path:verify`: after the skeleton and the platform files are
 * rendered and before anything is published, it checks the workspace (kustomize
 * overlays, workflows, Dockerfiles) and fails listing every problem. Read-only, so a
 * dry run verifies exactly what a real run would publish.
 *
 * @public
 */
export function createGoldenPathVerifyAction(options?: {
  /** `delivery.goldenPath.kubectl`; the bundled kubectl when unset. */
  kubectl?: string;
  /** `delivery.goldenPath.kubectlCacheDirectory`. */
  kubectlCacheDirectory?: string;
}) {
  return createTemplateAction({
    id: 'delivery:golden-path:verify',
    description:
      'Verifies a rendered golden-path workspace: kustomize overlays against the Kubernetes schemas and platform policies, GitHub workflows against their schema and for script injection, Dockerfiles by lint and a non-root final USER',
    examples,
    schema: {
      input: {
        values: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'The validated template values, to find any of them pasted into a run script',
            ),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const { problems, passed } = await runGoldenPathChecks({
        dir: ctx.workspacePath,
        kubectl: options?.kubectl,
        kubectlCacheDirectory: options?.kubectlCacheDirectory,
        values: ctx.input.values,
      });
      for (const line of passed) ctx.logger.info(line);
      if (problems.length)
        throw new InputError(
          `Golden-path verification failed:\n${problems
            .map(problem => `${problem.file}: ${problem.message}`)
            .join('\n')}`,
        );
    },
  });
}
