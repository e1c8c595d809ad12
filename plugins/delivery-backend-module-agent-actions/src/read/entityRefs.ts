import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * A ref in full form (`group:default/payments`), so `payments` and the full ref compare
 * equal; an unreadable input is refused naming `field`.
 */
export function fullRef(value: string, defaultKind: string, field: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}

/** An owner or system as the catalog wrote it, in full form; unset when unreadable. */
export function refOrUndefined(value: string | undefined, defaultKind: string) {
  if (!value) return undefined;
  try {
    return fullRef(value, defaultKind, '');
  } catch {
    return undefined;
  }
}
