import { Config } from '@backstage/config';
import { FreezeWindow } from '../freezes/FreezeWindow';
import {
  FREEZE_FIELDS,
  parseFreezeWindow,
  WrittenFreeze,
} from '../freezes/parseFreezeWindow';

/**
 * Reads `delivery.freezes`. A freeze that cannot be honoured stops the backend at start,
 * naming the key (`delivery.freezes[1].rrule: ...`): a portal that silently ignored a
 * freeze would let a deploy through in the middle of one.
 */
export function readFreezesConfig(
  config: Config,
  environments: readonly string[],
): FreezeWindow[] {
  const entries = config.getOptionalConfigArray('delivery.freezes') ?? [];
  const freezes = entries.map((entry, index) => {
    const keyOf = (field: string) => `delivery.freezes[${index}].${field}`;
    const written: WrittenFreeze = {};
    for (const key of entry.keys()) {
      if (!(FREEZE_FIELDS as readonly string[]).includes(key))
        throw new Error(
          `${keyOf(key)}: not a field of a freeze (${FREEZE_FIELDS.join(
            ', ',
          )})`,
        );
      const value = entry.getOptional(key);
      if (value === undefined) continue;
      if (
        typeof value !== 'string' &&
        !(Array.isArray(value) && value.every(v => typeof v === 'string'))
      )
        throw new Error(
          `${keyOf(key)}: must be ${
            key === 'environments' || key === 'actions'
              ? 'a list of names'
              : 'a string'
          }`,
        );
      written[key as keyof WrittenFreeze] = value as string | string[];
    }
    return parseFreezeWindow(written, {
      keyOf,
      environments,
      source: 'config',
    });
  });
  const seen = new Set<string>();
  freezes.forEach((freeze, index) => {
    if (seen.has(freeze.name))
      throw new Error(
        `delivery.freezes[${index}].name: "${freeze.name}" names another freeze too; names must be unique`,
      );
    seen.add(freeze.name);
  });
  return freezes;
}
