import { ANNOTATION_FREEZE } from '@internal/backstage-plugin-delivery-common';
import { FreezeWindow } from './FreezeWindow';
import {
  FREEZE_FIELDS,
  FreezeDefinitionError,
  parseFreezeWindow,
  WrittenFreeze,
} from './parseFreezeWindow';

/**
 * The freezes a service defines in its `delivery/freeze` annotation: one a line, each
 * `key=value` fields separated by ` | `, with the keys of `delivery.freezes` (lists
 * comma-separated). Blank lines are skipped. Throws FreezeDefinitionError naming the
 * annotation, the line and the field when a freeze cannot be honoured.
 * @public
 */
export function readFreezeAnnotation(
  annotations: Record<string, string> | undefined,
  environments: readonly string[],
): FreezeWindow[] {
  const value = annotations?.[ANNOTATION_FREEZE];
  if (value === undefined) return [];
  const lines = value
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '');
  return lines.map(({ line, number }) => {
    const where = `${ANNOTATION_FREEZE} annotation, line ${number}`;
    const written: WrittenFreeze = {};
    for (const field of line.split('|')) {
      const at = field.indexOf('=');
      const key = (at < 0 ? field : field.slice(0, at)).trim();
      if (at < 0 || !key)
        throw new FreezeDefinitionError(
          `${where}: "${field.trim()}" is not key=value (fields are separated by " | ")`,
        );
      if (!(FREEZE_FIELDS as readonly string[]).includes(key))
        throw new FreezeDefinitionError(
          `${where}: ${key} is not a field of a freeze (${FREEZE_FIELDS.join(
            ', ',
          )})`,
        );
      if (key in written)
        throw new FreezeDefinitionError(`${where}: ${key} is given twice`);
      written[key as keyof WrittenFreeze] = field.slice(at + 1).trim();
    }
    return parseFreezeWindow(written, {
      keyOf: field => `${where}, ${field}`,
      environments,
      source: 'annotation',
    });
  });
}
