import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';

/** What a template's expressions read: its parameters and earlier steps' outputs. */
export interface TemplateContext {
  parameters?: JsonObject;
  steps?: Record<string, { output: JsonObject }>;
}

const EXPRESSION = /^\$\{\{\s*([\w.]+)\s*\}\}$/;

function lookup(context: TemplateContext, path: string): unknown {
  const value = path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at as Record<string, unknown> | undefined)?.[key],
      context,
    );
  if (value === undefined)
    throw new Error(`the example reads ${path}, which the test did not give`);
  return value;
}

function resolve(value: unknown, context: TemplateContext): unknown {
  if (typeof value === 'string') {
    const expression = EXPRESSION.exec(value);
    return expression ? lookup(context, expression[1]) : value;
  }
  if (Array.isArray(value)) return value.map(v => resolve(v, context));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolve(v, context)]),
    );
  return value;
}

/**
 * The inputs of an example's steps that use `actionId`, as the scaffolder would pass them:
 * the YAML parsed, and each value that is a whole `${{ parameters.x }}` or
 * `${{ steps.id.output.y }}` expression replaced by what `context` gives for it.
 */
export function exampleInputs(
  example: TemplateExample,
  actionId: string,
  context: TemplateContext = {},
): JsonObject[] {
  const { steps } = yaml.parse(example.example) as {
    steps: Array<{ action: string; input?: JsonObject }>;
  };
  const inputs = steps
    .filter(step => step.action === actionId)
    .map(step => resolve(step.input ?? {}, context) as JsonObject);
  if (!inputs.length)
    throw new Error(`"${example.description}" has no step using ${actionId}`);
  return inputs;
}
