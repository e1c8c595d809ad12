import { createHash } from 'node:crypto';

/**
 * Where a caller's overview stands: the overview's revision, which overview it came from
 * (`epoch`, one per backend process: revisions start again on a restart or on another
 * replica) and a fingerprint of what the caller could read, so an answer since a cursor
 * never mixes two readable sets.
 */
export interface OverviewCursor {
  epoch: string;
  revision: number;
  readable: string;
}

/** Opaque to callers: base64url of `epoch.revision.fingerprint`. */
export function encodeCursor(cursor: OverviewCursor): string {
  return Buffer.from(
    `${cursor.epoch}.${cursor.revision}.${cursor.readable}`,
    'utf8',
  ).toString('base64url');
}

/** The cursor, or undefined for a string that is not one of ours. */
export function decodeCursor(text: string): OverviewCursor | undefined {
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (parts.length !== 3) return undefined;
  const [epoch, revision, readable] = parts;
  if (!/^\d{1,15}$/.test(revision) || !epoch || !readable) return undefined;
  return { epoch, revision: Number(revision), readable };
}

/** A short fingerprint of a set of entity refs, the same for the same set in any order. */
export function fingerprintOf(refs: Iterable<string>): string {
  const hash = createHash('sha1');
  for (const ref of [...refs].sort()) hash.update(ref).update('\n');
  return hash.digest('base64url').slice(0, 16);
}
