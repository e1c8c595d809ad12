import { errors } from './errors';
import { RequestContext } from './requestContext';
import { apiVersionOf } from './resources';
import { KubeObject } from '../store/types';

/** How a write reached the object: a server-side apply, or anything else. */
export type ManagedFieldsOperation = 'Update' | 'Apply';

/** One `metadata.managedFields` entry, as a real API server writes it. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: ManagedFieldsOperation;
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** The API server's limit on a field manager's name. */
const MAX_MANAGER_LENGTH = 128;

/** What a field manager's name may not contain: it must be printable. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/**
 * Who is writing: the `fieldManager` query parameter, else the User-Agent's product token
 * (what comes before the first '/', as the API server takes it: `kubectl/v1.31.0 (...)`
 * is `kubectl`), else `unknown`.
 */
export function fieldManagerOf(
  ctx: Pick<RequestContext, 'query' | 'userAgent'>,
): string {
  const given = ctx.query.get('fieldManager');
  if (given !== null) {
    if (
      !given ||
      given.length > MAX_MANAGER_LENGTH ||
      CONTROL_CHARACTER.test(given)
    )
      throw errors.badRequest(
        `fieldManager: "${given}" must be 1 to ${MAX_MANAGER_LENGTH} printable characters`,
      );
    return given;
  }
  const product = (ctx.userAgent ?? '')
    .split('/')[0]
    .split('')
    .filter(c => !CONTROL_CHARACTER.test(c))
    .join('')
    .slice(0, MAX_MANAGER_LENGTH);
  return product || 'unknown';
}

/** RFC 3339 to the second, as Kubernetes writes metav1.Time. */
const rfc3339Seconds = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const isEntry = (value: unknown): value is ManagedFieldsEntry =>
  Boolean(value) &&
  typeof value === 'object' &&
  typeof (value as ManagedFieldsEntry).manager === 'string' &&
  ['Update', 'Apply'].includes((value as ManagedFieldsEntry).operation);

/** `[{}]`: the one way a client clears every entry (the API server's reset rule). */
const isReset = (value: unknown) =>
  Array.isArray(value) &&
  value.length === 1 &&
  value[0] !== null &&
  typeof value[0] === 'object' &&
  !Array.isArray(value[0]) &&
  Object.keys(value[0]).length === 0;

/**
 * The entries the write starts from, by the API server's rules: a subresource write (status,
 * scale) and an apply never set managedFields; otherwise a body that sets `[{}]` clears
 * them, a body with well-formed entries replaces them, and anything else (none, `[]`,
 * malformed) keeps the stored ones, so a client unaware of the field cannot wipe others'
 * entries by accident.
 */
function startingEntries(
  ctx: RequestContext,
  live: KubeObject | undefined,
  next: KubeObject,
  operation: ManagedFieldsOperation,
): ManagedFieldsEntry[] {
  const stored: ManagedFieldsEntry[] = live?.metadata.managedFields ?? [];
  if (ctx.subresource || operation === 'Apply') return stored;
  const requested = next.metadata.managedFields;
  if (isReset(requested)) return [];
  if (
    Array.isArray(requested) &&
    requested.length > 0 &&
    requested.every(isEntry)
  )
    return requested;
  return stored;
}

/**
 * `next` with the managedFields a real API server would store after this write: the
 * entries it starts from (see startingEntries) with the writer's entry for (manager,
 * operation, subresource) upserted, stamped with the fleet's clock. The upserted entry goes
 * last, so among entries of the same second the last is the newest. Field sets are not
 * tracked (`fieldsV1` is empty): entries say who wrote when, not which fields they own.
 */
export function withManagedFields(
  ctx: RequestContext,
  live: KubeObject | undefined,
  next: KubeObject,
  operation: ManagedFieldsOperation = 'Update',
): KubeObject {
  const manager = fieldManagerOf(ctx);
  const subresource =
    ctx.subresource === 'status' || ctx.subresource === 'scale'
      ? ctx.subresource
      : undefined;
  const entry: ManagedFieldsEntry = {
    manager,
    operation,
    apiVersion: apiVersionOf(ctx.type),
    time: rfc3339Seconds(ctx.cluster.clock.now()),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
  const others = startingEntries(ctx, live, next, operation).filter(
    e =>
      !(
        e.manager === manager &&
        e.operation === operation &&
        (e.subresource ?? '') === (subresource ?? '')
      ),
  );
  return {
    ...next,
    metadata: { ...next.metadata, managedFields: [...others, entry] },
  };
}
