import {
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryConfig,
  LocalGitRepositories,
} from '@internal/backstage-plugin-delivery-node';
import { pathToFileURL } from 'node:url';
import { examples } from './publishLocalAction.examples';

/**
 * Creates `delivery:repository:publish-local`: commits the workspace as a new bare repository under
 * `delivery.goldenPath.localPublish.directory`, so every template can be tried on a
 * machine without a GitHub token. Its `catalogInfoUrl` output is what `catalog:register`
 * takes, read through the Delivery backend's repository route.
 * @public
 */
export function createPublishLocalAction(options: {
  config: DeliveryConfig;
  discovery: DiscoveryService;
}) {
  const directory = options.config.goldenPath.localPublishDirectory;
  return createTemplateAction({
    id: 'delivery:repository:publish-local',
    description:
      'Publishes the workspace as a bare git repository in the local publish folder (delivery.goldenPath.localPublish.directory)',
    examples,
    schema: {
      input: {
        repoName: z =>
          z.string().describe('Repository name (the folder is <name>.git)'),
        description: z =>
          z.string().optional().describe('The first commit message'),
        defaultBranch: z => z.string().default('main'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder to publish, default the whole workspace',
            ),
      },
      output: {
        remoteUrl: z => z.string().describe('file:// URL to git clone'),
        repoContentsUrl: z =>
          z.string().describe('Base URL of the files at the default branch'),
        catalogInfoUrl: z =>
          z.string().describe('URL of catalog-info.yaml, for catalog:register'),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      if (!directory)
        throw new InputError(
          'publishTarget: the local publish target is off in this portal (delivery.goldenPath.localPublish.directory is not configured)',
        );
      const repositories = new LocalGitRepositories(directory);
      const profile = ctx.user?.entity?.spec?.profile as
        | { displayName?: string; email?: string }
        | undefined;
      const published = await repositories.publish({
        name: ctx.input.repoName,
        sourceDir: resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.sourcePath ?? '.',
        ),
        defaultBranch: ctx.input.defaultBranch,
        message: ctx.input.description ?? 'Initial commit from the golden path',
        author: {
          name: profile?.displayName ?? ctx.user?.ref ?? 'Delivery scaffolder',
          email: profile?.email ?? 'scaffolder@backstage.local',
        },
      });
      ctx.logger.info(
        published.created
          ? `Published ${published.path} at ${published.commit}`
          : `${published.path} holds this exact tree already (a retried task); left as it is`,
      );
      const base = await options.discovery.getBaseUrl(DELIVERY_PLUGIN_ID);
      const contents = `${base}/repositories/${ctx.input.repoName}/raw`;
      ctx.output('remoteUrl', pathToFileURL(published.path).toString());
      ctx.output('repoContentsUrl', contents);
      ctx.output('catalogInfoUrl', `${contents}/catalog-info.yaml`);
      ctx.output('commitHash', published.commit);
    },
  });
}
