import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  readDeliveryDescriptor,
  STRATEGIES,
  TIERS,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { examples } from './deliveryServiceDescribe.examples';

/**
 * Creates the `delivery:service:describe` action: reads a service's delivery facts
 * (workload selector, tier, recovery objectives, strategy, environments) from the
 * catalog, as the user who started the task, so later steps can use them as outputs.
 *
 * @public
 */
export function createDeliveryServiceDescribeAction(options: {
  catalog: CatalogService;
  config: DeliveryConfig;
}) {
  const { catalog, config } = options;
  return createTemplateAction({
    id: 'delivery:service:describe',
    description:
      "Reads a service's delivery annotations from the catalog (tier, RTO/RPO, strategy, environments, workload selector)",
    examples,
    schema: {
      input: {
        entityRef: z =>
          z
            .string({
              description:
                'The service, e.g. component:default/payment-service',
            })
            .min(1),
      },
      output: {
        entityRef: z => z.string(),
        kubernetesId: z => z.string().optional(),
        labelSelector: z => z.string().optional(),
        tier: z => z.enum(TIERS),
        rtoMinutes: z => z.number(),
        rpoMinutes: z => z.number(),
        strategy: z => z.enum(STRATEGIES),
        environments: z => z.array(z.string()),
        productionEnvironments: z => z.array(z.string()),
        problems: z => z.array(z.string()),
      },
    },
    supportsDryRun: true,
    async handler(ctx) {
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(ctx.input.entityRef, { defaultKind: 'component' }),
        );
      } catch (error) {
        throw new InputError(`entityRef: ${(error as Error).message}`);
      }
      const entity = await catalog.getEntityByRef(ref, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (!entity) {
        throw new NotFoundError(
          `entityRef: ${ref} is not in the catalog, or you may not read it`,
        );
      }
      const descriptor = readDeliveryDescriptor(entity);
      const problems = descriptor.problems.map(
        p => `${p.annotation}: ${p.message}`,
      );
      ctx.logger.info(
        `${ref}: tier ${descriptor.tier}, strategy ${
          descriptor.strategy
        }, environments ${
          descriptor.environments.join(', ') || 'none declared'
        }`,
      );
      const known = new Map(config.environments.map(env => [env.name, env]));
      for (const name of descriptor.environments) {
        if (!known.has(name)) {
          problems.push(
            `delivery/environments: "${name}" is not one of delivery.environments (${[
              ...known.keys(),
            ].join(', ')})`,
          );
        }
      }
      const productionEnvironments = descriptor.environments.filter(
        name => known.get(name)?.production,
      );
      for (const problem of problems) {
        ctx.logger.warn(problem);
      }
      const selector = descriptor.workloadSelector;
      ctx.output('entityRef', descriptor.entityRef);
      if (selector && 'kubernetesId' in selector)
        ctx.output('kubernetesId', selector.kubernetesId);
      if (selector && 'labelSelector' in selector)
        ctx.output('labelSelector', selector.labelSelector);
      ctx.output('tier', descriptor.tier);
      ctx.output('rtoMinutes', descriptor.rtoMinutes);
      ctx.output('rpoMinutes', descriptor.rpoMinutes);
      ctx.output('strategy', descriptor.strategy);
      ctx.output('environments', descriptor.environments);
      ctx.output('productionEnvironments', productionEnvironments);
      ctx.output('problems', problems);
    },
  });
}
