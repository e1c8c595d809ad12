import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/*
 * What the contract cannot check (src/schema/openapi.yaml checks the rest before a handler
 * runs): every refusal is an InputError (400) whose message starts with the field it is about.
 */

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
