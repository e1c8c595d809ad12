import { errors } from '../errors';
import { RequestContext } from '../requestContext';
import { apiVersionOf } from '../resources';
import { parseFieldSelector, parseLabelSelector } from '../../store/selectors';
import { KubeObject } from '../../store/types';
import { toTable, wantsTable } from '../table';

/** Every object is served with the apiVersion and kind of the URL it was read through. */
export function present(
  ctx: Pick<RequestContext, 'type'>,
  object: KubeObject,
): KubeObject {
  return { ...object, apiVersion: apiVersionOf(ctx.type), kind: ctx.type.kind };
}

export function getObject(ctx: RequestContext): KubeObject {
  const object = ctx.cluster.store.get(ctx.kind, ctx.namespace, ctx.name!);
  if (!object)
    throw errors.notFound(ctx.type.group, ctx.type.resource, ctx.name!);
  return object;
}

interface ContinueToken {
  rv: number;
  after: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed.rv === 'number' && typeof parsed.after === 'string')
      return parsed;
  } catch {
    // fall through to the error below
  }
  throw errors.badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion',
  );
}

/**
 * list with selectors and pagination. A continue token carries the resourceVersion of the
 * first page; once the event window has moved past it the token is too old (410), and the
 * client must start over, exactly as against etcd after compaction.
 */
export function listObjects(ctx: RequestContext) {
  const { store } = ctx.cluster;
  const labels = parseLabelSelector(
    ctx.query.get('labelSelector') ?? undefined,
  );
  const fields = parseFieldSelector(
    ctx.query.get('fieldSelector') ?? undefined,
  );
  const limit = Number(ctx.query.get('limit') ?? 0);
  const continueParam = ctx.query.get('continue');

  let listVersion = store.resourceVersion;
  let after = '';
  if (continueParam) {
    const token = decodeContinue(continueParam);
    if (token.rv < store.oldestResumableVersion) {
      throw errors.gone(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    listVersion = token.rv;
    after = token.after;
  }

  const matching = store
    .list(ctx.kind, ctx.namespace)
    .filter(o => labels(o) && fields(o))
    .filter(
      o => !after || `${o.metadata.namespace ?? ''}/${o.metadata.name}` > after,
    );

  let items = matching;
  let next: string | undefined;
  if (limit > 0 && matching.length > limit) {
    items = matching.slice(0, limit);
    const last = items[items.length - 1];
    next = Buffer.from(
      JSON.stringify({
        rv: listVersion,
        after: `${last.metadata.namespace ?? ''}/${last.metadata.name}`,
      }),
    ).toString('base64url');
  }

  if (wantsTable(ctx.accept)) {
    return toTable(
      ctx.type.kind,
      items,
      String(listVersion),
      ctx.cluster.clock.now(),
    );
  }
  return {
    kind: `${ctx.type.kind}List`,
    apiVersion: apiVersionOf(ctx.type),
    metadata: {
      resourceVersion: String(listVersion),
      ...(next
        ? { continue: next, remainingItemCount: matching.length - items.length }
        : {}),
    },
    items: items.map(o => present(ctx, o)),
  };
}

export function getForResponse(ctx: RequestContext) {
  const object = getObject(ctx);
  if (wantsTable(ctx.accept)) {
    return toTable(
      ctx.type.kind,
      [object],
      object.metadata.resourceVersion ?? '',
      ctx.cluster.clock.now(),
    );
  }
  return present(ctx, object);
}
