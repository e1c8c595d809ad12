import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';

/** Object names and DNS labels are DNS-1123 labels: at most 63 characters. */
const MAX_LABEL = 63;

/**
 * The name of a drill's throwaway object or DNS label: `<prefix>-drill-<drillId>`, or
 * `drill-<drillId>` without a prefix. A drill id that is not already a valid label part,
 * or a name that would be too long, is shortened and ends in a hash of the drill id, so
 * two drills never share an object.
 */
export function drillName(prefix: string | undefined, drillId: string): string {
  const id = drillId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!id) {
    throw new InputError(
      `drillId: "${drillId}" has no letters or digits to name the drill's objects after`,
    );
  }
  const full = [prefix, 'drill', id].filter(Boolean).join('-');
  if (full.length <= MAX_LABEL && id === drillId) return full;
  const hash = createHash('sha256').update(drillId).digest('hex').slice(0, 8);
  const kept = full.slice(0, MAX_LABEL - hash.length - 1).replace(/-+$/, '');
  return `${kept}-${hash}`;
}
