import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import {
  deliveryActionOutput,
  DeliveryActionDeps,
} from '@internal/backstage-plugin-scaffolder-backend-module-delivery';
import type { z } from 'zod/v3';
import { runTemplateAction } from './runTemplateAction';
import {
  FieldBuilder,
  WRITE_ACTION_RULES,
  WRITE_ACTIONS,
  WriteActionDefinition,
} from './writeActions';

/**
 * Agents may not override a preflight refusal: that stays a person's decision, made in
 * the portal with a written reason the run history keeps.
 */
const NEVER_FROM_AGENTS = ['overrideReason'];

/** The registry input: the scaffolder action's fields an agent may give, and `execute`. */
export function registryInputOf(definition: WriteActionDefinition) {
  const withheld = new Set([
    ...NEVER_FROM_AGENTS,
    ...(definition.withheld ?? []),
    ...Object.keys(definition.fixedInput ?? {}),
  ]);
  const fields = Object.entries(definition.input).filter(
    ([name]) => !withheld.has(name),
  );
  return (zod: typeof z) =>
    zod
      .object({
        ...Object.fromEntries(
          fields.map(([name, field]) => [name, field(zod)]),
        ),
        execute: zod
          .boolean()
          .default(false)
          .describe(
            'false (default): dry run, nothing changes. true: run it for real',
          ),
      })
      // An unknown or withheld field is refused by name rather than dropped silently.
      .strict();
}

/** The registry output: the frame's outputs, the action's own, and whether it was a dry run. */
export function registryOutputOf(definition: WriteActionDefinition) {
  const fields: Record<string, FieldBuilder> = {
    ...deliveryActionOutput,
    ...definition.output,
  };
  return (zod: typeof z) =>
    zod.object({
      dryRun: zod.boolean().describe('True when nothing was changed'),
      ...Object.fromEntries(
        Object.entries(fields).map(([name, field]) => [name, field(zod)]),
      ),
    });
}

/**
 * Registers each of {@link WRITE_ACTIONS} as `delivery:<name>`: the scaffolder action
 * runs through the same frame as in a template (service and environment checked,
 * permission on the actual inputs, preflight checks, lock, run record, audit), for the
 * caller, dry run unless `execute` is true.
 */
export function registerWriteActions(
  actionsRegistry: ActionsRegistryService,
  deps: DeliveryActionDeps,
) {
  for (const definition of WRITE_ACTIONS) {
    const templateAction = definition.create(deps);
    actionsRegistry.register({
      name: definition.name,
      title: definition.title,
      description: `${definition.description} ${WRITE_ACTION_RULES}`,
      attributes: definition.attributes,
      schema: {
        input: registryInputOf(definition),
        output: registryOutputOf(definition),
      },
      action: async ({ input, credentials, logger }) => {
        const { execute, ...given } = input as JsonObject & {
          execute: boolean;
        };
        const dryRun = !execute;
        const { output } = await runTemplateAction(templateAction, {
          input: { ...given, ...definition.fixedInput },
          credentials,
          logger,
          dryRun,
        });
        return { output: { dryRun, ...output } as any };
      },
    });
  }
}
