import { InputError } from '@backstage/errors';
import { assertRdsIdentifier } from '../config/resolveAwsDrSettings';

const DRILL_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `<replica>-drill-<drillId>`: the throwaway instance a drill promotes and deletes. */
export function drillCopyId(replicaId: string, drillId: string): string {
  if (!DRILL_ID.test(drillId)) {
    throw new InputError(
      `drillId "${drillId}" must be lowercase letters and digits, optionally joined by single hyphens`,
    );
  }
  const id = `${replicaId}-drill-${drillId}`;
  assertRdsIdentifier(id, 'drill copy id');
  return id;
}
