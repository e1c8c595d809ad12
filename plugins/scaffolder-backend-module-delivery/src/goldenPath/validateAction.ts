import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import {
  GOLDEN_PATH_KINDS,
  GoldenPathValues,
  goldenPathValues,
} from './parameters';
import { examples } from './validateAction.examples';

/**
 * What the parameters alone cannot tell: whether the chosen publish target exists in this
 * portal, and whether the name is free. Checked before anything is rendered, so a task
 * that would fail at its last step fails at its first.
 */
async function problemsWithTheWorld(
  values: GoldenPathValues,
  options: {
    config: DeliveryConfig;
    integrations: ScmIntegrationRegistry;
    componentExists: (name: string) => Promise<boolean>;
  },
): Promise<string[]> {
  const problems: string[] = [];
  if (
    values.publishTarget === 'local' &&
    !options.config.goldenPath.localPublishDirectory
  )
    problems.push(
      'publishTarget: the local publish target is off in this portal (delivery.goldenPath.localPublish.directory is not configured)',
    );
  if (values.publishTarget === 'github') {
    try {
      const { host, owner, repo } = parseRepoUrl(
        values.repoUrl!,
        options.integrations,
      );
      const github = options.integrations.github.byHost(host)?.config;
      if (!github || (!github.token && !github.apps?.length))
        problems.push(
          `repoUrl: no GitHub integration with credentials is configured for ${host}`,
        );
      if (!owner || !repo)
        problems.push('repoUrl: must name an owner and a repository');
    } catch (error) {
      problems.push(`repoUrl: ${(error as Error).message}`);
    }
  }
  if (await options.componentExists(values.name))
    problems.push(
      `name: a component named ${values.name} is in the catalog already`,
    );
  return problems;
}

/**
 * Creates `delivery:golden-path:validate`, the first step of every golden-path template:
 * it checks the parameters as posted (the form's checks are not trusted, a task can be
 * posted straight to the scaffolder API), fails naming every bad field before anything is
 * fetched or published, and outputs the values the skeletons render with.
 *
 * @public
 */
export function createGoldenPathValidateAction(options: {
  config: DeliveryConfig;
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
}) {
  const environments = options.config.environments.map(e => e.name);
  return createTemplateAction({
    id: 'delivery:golden-path:validate',
    description:
      'Validates golden-path parameters (names, resources, autoscaling, environments; unknown keys rejected) and outputs the values with their defaults',
    examples,
    schema: {
      input: {
        kind: z => z.enum(GOLDEN_PATH_KINDS),
        parameters: z => z.record(z.string(), z.unknown()),
      },
      output: {
        values: z => z.record(z.string(), z.unknown()),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      const values = goldenPathValues(
        { ...ctx.input.parameters, kind: ctx.input.kind },
        environments,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const problems = await problemsWithTheWorld(values, {
        ...options,
        componentExists: async name =>
          Boolean(
            await options.catalog.getEntityByRef(
              { kind: 'component', namespace: 'default', name },
              { credentials },
            ),
          ),
      });
      if (problems.length)
        throw new InputError(
          `The service cannot be created as asked:\n${problems.join('\n')}`,
        );
      // A repository on GitHub is named in the entity, so the delivery actions that
      // dispatch its workflow find it (github.com/project-slug).
      const github =
        values.publishTarget === 'github' && values.repoUrl
          ? parseRepoUrl(values.repoUrl, options.integrations)
          : undefined;
      const projectSlug = github ? `${github.owner}/${github.repo}` : '';
      ctx.logger.info(
        `${values.kind} ${values.name}: tier ${values.tier} (RTO ${
          values.rto
        }, RPO ${values.rpo}), ${values.strategy}, ${values.environments.join(
          ', ',
        )}${values.drRegion ? `, DR in ${values.drRegion}` : ''}${
          values.database ? ', with a database' : ''
        }`,
      );
      ctx.output('values', {
        ...values,
        projectSlug,
      } as unknown as Record<string, unknown>);
    },
  });
}
