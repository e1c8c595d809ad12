import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/*
 * Request validation shared by the Delivery routers: every refusal is an InputError (400)
 * whose message starts with the field it is about.
 */

/** Parses with `schema`, or throws an InputError naming the first bad field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  field?: string,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new InputError(
        `${issue.keys.join(', ')}: not a field of this request`,
      );
    }
    const path = field ?? issue.path.join('.');
    throw new InputError(`${path}: ${issue.message}`);
  }
  return parsed.data;
}

/** An entity ref in its canonical form, or an InputError naming `field`. */
export function normalizeRef(
  raw: string,
  field: string,
  defaultKind?: string,
): string {
  try {
    const ref = parseEntityRef(raw, {
      defaultKind,
      defaultNamespace: 'default',
    });
    if (defaultKind && ref.kind.toLocaleLowerCase('en-US') !== defaultKind) {
      throw new Error(`must be a ${defaultKind} entity ref, not ${raw}`);
    }
    return stringifyEntityRef(ref);
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}
