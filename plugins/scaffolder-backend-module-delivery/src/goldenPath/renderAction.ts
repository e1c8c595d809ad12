import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { renderTree } from './renderTree';
import { examples } from './renderAction.examples';

/**
 * The platform-owned files every golden path shares: the kustomize base and overlays, the
 * deploy and smoke scripts, the CI/CD workflow. They ship with this module rather than
 * with each template so a fix lands in every template at once, and the verify action that
 * checks them is versioned with them.
 */
export const PLATFORM_FILES_DIR = resolvePackagePath(
  '@internal/backstage-plugin-scaffolder-backend-module-delivery',
  'golden-path',
);

/**
 * Creates `delivery:golden-path:render`: renders the platform files into the workspace
 * with the values `delivery:golden-path:validate` output, after `fetch:template` has
 * rendered the template's own skeleton.
 * @public
 */
export function createGoldenPathRenderAction() {
  return createTemplateAction({
    id: 'delivery:golden-path:render',
    description:
      'Renders the golden-path platform files (deploy/ kustomize base and overlays, deploy scripts, .github/workflows/delivery.yaml) into the workspace',
    examples,
    schema: {
      input: {
        values: z =>
          z
            .record(z.string(), z.unknown())
            .describe('The output of delivery:golden-path:validate'),
      },
      output: {
        files: z => z.array(z.string()).describe('The files written, relative'),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const written = await renderTree({
        sourceDir: PLATFORM_FILES_DIR,
        outputDir: ctx.workspacePath,
        values: ctx.input.values,
      });
      for (const file of written)
        ctx.logger.info(`Wrote ${file.path} (${file.bytes} bytes)`);
      ctx.output(
        'files',
        written.map(file => file.path),
      );
    },
  });
}
