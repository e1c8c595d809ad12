import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import yaml from 'yaml';
import { GOLDEN_PATH_KINDS, goldenPathValues } from './parameters';

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
}) {
  const environments = options.config.environments.map(e => e.name);
  return createTemplateAction({
    id: 'delivery:golden-path:validate',
    description:
      'Validates golden-path parameters (names, resources, autoscaling, environments; unknown keys rejected) and outputs the values with their defaults',
    examples: [
      {
        description:
          'Validate the form, then render the skeleton with its values',
        example: yaml.stringify({
          steps: [
            {
              id: 'validate',
              action: 'delivery:golden-path:validate',
              input: { kind: 'http-service', parameters: '${{ parameters }}' },
            },
            {
              id: 'fetch',
              action: 'fetch:template',
              input: {
                url: './skeleton',
                values: '${{ steps.validate.output.values }}',
              },
            },
          ],
        }),
      },
    ],
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
      ctx.logger.info(
        `${values.kind} ${values.name}: tier ${values.tier} (RTO ${
          values.rto
        }, RPO ${values.rpo}), ${values.strategy}, ${values.environments.join(
          ', ',
        )}${values.drRegion ? `, DR in ${values.drRegion}` : ''}${
          values.database ? ', with a database' : ''
        }`,
      );
      ctx.output('values', values as unknown as Record<string, unknown>);
    },
  });
}
