import { V1ObjectMeta } from '@kubernetes/client-node';

/** Who changed an object last, as its managedFields record it. */
export interface LastChange {
  manager: string;
  /** RFC 3339, as the API server wrote it. */
  time: string;
}

/**
 * The newest `metadata.managedFields` entry that changed the object itself: a status write
 * (a controller reporting) is not a change anyone made. Entries of the same second keep the
 * server's order, the later one taken as the newer. Undefined when nothing is recorded.
 */
export function lastChangeOf(
  metadata: V1ObjectMeta | undefined,
): LastChange | undefined {
  let newest: LastChange | undefined;
  let newestMs = -Infinity;
  for (const entry of metadata?.managedFields ?? []) {
    if (entry.subresource === 'status' || !entry.manager) continue;
    // client-node reads `time` into a Date; a raw object carries the string.
    const raw = entry.time as unknown as Date | string | undefined;
    const ms = raw === undefined ? NaN : new Date(raw).getTime();
    if (Number.isNaN(ms) || ms < newestMs) continue;
    newestMs = ms;
    newest = {
      manager: entry.manager,
      time: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }
  return newest;
}

/** "last changed by kubectl-set at 2026-12-06T10:01:02Z", or that nobody is recorded. */
export function describeLastChange(change: LastChange | undefined): string {
  return change
    ? `last changed by ${change.manager} at ${change.time}`
    : 'who changed it last is not recorded (no managedFields)';
}
