import { errors, statusBody } from '../errors';
import { RequestContext } from '../requestContext';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../store/patch';
import { parseFieldSelector, parseLabelSelector } from '../../store/selectors';
import { KubeObject } from '../../store/types';
import { fieldManagerOf, withManagedFields } from '../managedFields';
import { getObject, present } from './read';
import { validateObject } from './validate';

const APPLY_PATCH = 'application/apply-patch+yaml';

/** Kinds whose status is only written through the status subresource. */
const hasStatus = (ctx: RequestContext) =>
  ctx.type.subresources?.includes('status');

function requireBody(ctx: RequestContext): KubeObject {
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw errors.badRequest('the request body must be a JSON object');
  }
  return ctx.body;
}

/** POST, and a server-side apply of an object that does not exist yet. */
export function createObject(
  ctx: RequestContext,
  operation: 'Update' | 'Apply' = 'Update',
): KubeObject {
  const body = requireBody(ctx);
  const metadata = { ...(body.metadata ?? {}) };
  if (!metadata.name && metadata.generateName) {
    metadata.name = `${metadata.generateName}${ctx.cluster.random.suffix()}`;
  }
  if (ctx.type.namespaced) {
    metadata.namespace = metadata.namespace ?? ctx.namespace;
    if (!ctx.cluster.store.get('/namespaces', undefined, ctx.namespace!)) {
      throw errors.notFound('', 'namespaces', ctx.namespace!);
    }
  }
  const object: KubeObject = withManagedFields(
    ctx,
    undefined,
    { ...body, metadata },
    operation,
  );
  validateObject(ctx, object);
  delete object.metadata.resourceVersion;
  delete object.metadata.uid;
  if (hasStatus(ctx)) delete object.status;
  return present(
    ctx,
    ctx.cluster.store.create(ctx.kind, {
      ...object,
      apiVersion: ctx.type.group
        ? `${ctx.type.group}/${ctx.type.version}`
        : ctx.type.version,
      kind: ctx.type.kind,
    }),
  );
}

/** PUT: a full replacement, conditional on metadata.resourceVersion when the client sends it. */
export function updateObject(ctx: RequestContext): KubeObject {
  const body = requireBody(ctx);
  const current = getObject(ctx);
  if (body.metadata?.name && body.metadata.name !== ctx.name) {
    throw errors.badRequest(
      'the name of the object does not match the name on the URL',
    );
  }
  const object: KubeObject = withManagedFields(ctx, current, {
    ...body,
    apiVersion: current.apiVersion,
    kind: current.kind,
    metadata: {
      ...body.metadata,
      name: ctx.name!,
      namespace: current.metadata.namespace,
    },
  });
  if (ctx.subresource === 'status') {
    return present(
      ctx,
      writeStatus(ctx, current, object.status, body.metadata?.resourceVersion),
    );
  }
  validateObject(ctx, object);
  if (hasStatus(ctx)) object.status = current.status;
  return present(
    ctx,
    ctx.cluster.store.update(ctx.kind, object, body.metadata?.resourceVersion),
  );
}

function patched(ctx: RequestContext, current: KubeObject): KubeObject {
  const type = ctx.contentType.split(';')[0].trim();
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(current, ctx.body);
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(current, ctx.body);
    case 'application/json-patch+json':
      return jsonPatch(current, ctx.body);
    case APPLY_PATCH:
      // Server-side apply, simplified: the applied configuration merges like a strategic
      // merge patch. Field ownership is not tracked, so fields a manager stops applying
      // are not removed and no apply conflicts are raised.
      return strategicMergePatch(current, ctx.body);
    default:
      throw errors.unsupportedMediaType(type);
  }
}

/**
 * PATCH in the three formats clients use. A resourceVersion inside the patch is a
 * precondition, as on a real server, so a patch built from a stale read fails with 409.
 */
export function patchObject(ctx: RequestContext): KubeObject {
  const apply = ctx.contentType.split(';')[0].trim() === APPLY_PATCH;
  if (apply) checkApply(ctx);
  const existing = ctx.cluster.store.get(ctx.kind, ctx.namespace, ctx.name!);
  // An apply creates what is not there yet; every other patch needs the object.
  if (apply && !existing && !ctx.subresource) return createObject(ctx, 'Apply');
  const current = existing ?? getObject(ctx);
  const operation = apply ? 'Apply' : 'Update';
  const result = patched(ctx, current);
  const precondition =
    !Array.isArray(ctx.body) && ctx.body?.metadata?.resourceVersion
      ? String(ctx.body.metadata.resourceVersion)
      : undefined;
  if (precondition && precondition !== current.metadata.resourceVersion) {
    throw errors.conflict(ctx.type.group, ctx.type.resource, ctx.name!);
  }
  if (ctx.subresource === 'status') {
    return present(
      ctx,
      writeStatus(
        ctx,
        current,
        result.status,
        current.metadata.resourceVersion,
      ),
    );
  }
  const object: KubeObject = withManagedFields(
    ctx,
    current,
    {
      ...result,
      apiVersion: current.apiVersion,
      kind: current.kind,
      metadata: {
        ...result.metadata,
        name: current.metadata.name,
        namespace: current.metadata.namespace,
      },
    },
    operation,
  );
  validateObject(ctx, object);
  if (hasStatus(ctx)) object.status = current.status;
  return present(
    ctx,
    ctx.cluster.store.update(
      ctx.kind,
      object,
      current.metadata.resourceVersion,
    ),
  );
}

/** What the API server requires of a server-side apply before it reads the object. */
function checkApply(ctx: RequestContext) {
  if (!ctx.query.get('fieldManager'))
    throw errors.invalid(
      'PatchOptions.meta.k8s.io',
      '',
      'fieldManager',
      'Required value: is required for apply patch',
    );
  fieldManagerOf(ctx);
  const body = requireBody(ctx);
  if (body.metadata?.managedFields !== undefined)
    throw errors.badRequest('metadata.managedFields must be nil');
  if (body.metadata?.name && body.metadata.name !== ctx.name)
    throw errors.badRequest(
      'the name of the object does not match the name on the URL',
    );
}

/** A status subresource write: only status changes, and the writer's entry is recorded. */
function writeStatus(
  ctx: RequestContext,
  current: KubeObject,
  status: unknown,
  expectedVersion: string | undefined,
): KubeObject {
  return ctx.cluster.store.update(
    ctx.kind,
    withManagedFields(ctx, current, { ...current, status }),
    expectedVersion,
  );
}

export function deleteObject(ctx: RequestContext) {
  const current = getObject(ctx);
  const precondition = ctx.body?.preconditions?.resourceVersion;
  const deleted = ctx.cluster.store.delete(
    ctx.kind,
    current.metadata.namespace,
    current.metadata.name,
    precondition,
  );
  // Dependents (ReplicaSets of a Deployment, Pods of a ReplicaSet) are removed by the
  // simulation's garbage collector, as with the default background propagation.
  return {
    ...statusBody(200, '', ''),
    details: {
      name: deleted.metadata.name,
      group: ctx.type.group,
      kind: ctx.type.resource,
      uid: deleted.metadata.uid,
    },
  };
}

export function deleteCollection(ctx: RequestContext) {
  const labels = parseLabelSelector(
    ctx.query.get('labelSelector') ?? undefined,
  );
  const fields = parseFieldSelector(
    ctx.query.get('fieldSelector') ?? undefined,
  );
  const items = ctx.cluster.store
    .list(ctx.kind, ctx.namespace)
    .filter(o => labels(o) && fields(o))
    .map(o =>
      ctx.cluster.store.delete(ctx.kind, o.metadata.namespace, o.metadata.name),
    );
  return {
    kind: `${ctx.type.kind}List`,
    apiVersion: ctx.type.group
      ? `${ctx.type.group}/${ctx.type.version}`
      : ctx.type.version,
    metadata: { resourceVersion: String(ctx.cluster.store.resourceVersion) },
    items: items.map(o => present(ctx, o)),
  };
}
