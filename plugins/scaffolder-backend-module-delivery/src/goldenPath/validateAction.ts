import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
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
 * portal, whether the name is free, whether the owner is someone the catalog knows, and
 * whether this portal allows the port. Checked before anything is rendered, so a task
 * that would fail at its last step (or a service nobody can be paged for) fails at its
 * first.
 */
async function problemsWithTheWorld(
  values: GoldenPathValues,
  options: {
    config: DeliveryConfig;
    integrations: ScmIntegrationRegistry;
    /** Read as the user who started the task: what they cannot see does not exist. */
    entityExists: (ref: CompoundEntityRef) => Promise<boolean>;
  },
): Promise<string[]> {
  const problems: string[] = [];
  const minimumPort = options.config.goldenPath.minimumContainerPort;
  if (values.port !== undefined && values.port < minimumPort)
    problems.push(
      `port: ${values.port} is below ${minimumPort}, the lowest container port this portal allows (delivery.goldenPath.minimumContainerPort): the pods run as a non-root user without NET_BIND_SERVICE, so the server could not bind it; listen on 8080 and let the Service expose port 80`,
    );
  const ownerRef = parseEntityRef(values.owner, { defaultKind: 'group' });
  if (!(await options.entityExists(ownerRef)))
    problems.push(
      `owner: ${ownerRef.kind.toLocaleLowerCase('en-US')}:${
        ownerRef.namespace
      }/${
        ownerRef.name
      } is not in the catalog (or you cannot see it); choose an existing group or user`,
    );
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
  if (
    await options.entityExists({
      kind: 'component',
      namespace: 'default',
      name: values.name,
    })
  )
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
  /** `app.baseUrl`: the portal the runbook link points into; no link when unset. */
  appBaseUrl?: string;
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
        entityExists: async ref =>
          Boolean(await options.catalog.getEntityByRef(ref, { credentials })),
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
      // The runbook is the Runbook page of the repository's TechDocs (docs/runbook.md),
      // where the DR readiness check and the on-call find it (delivery/runbook).
      const runbookUrl = options.appBaseUrl
        ? `${options.appBaseUrl.replace(/\/+$/, '')}/docs/default/component/${
            values.name
          }/runbook/`
        : '';
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
        runbookUrl,
      } as unknown as Record<string, unknown>);
    },
  });
}
