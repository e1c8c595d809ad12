import { ServerResponse } from 'node:http';
import { errors, statusBody } from '../errors';
import { RequestContext } from '../requestContext';
import { apiVersionOf } from '../resources';
import { parseFieldSelector, parseLabelSelector } from '../../store/selectors';
import { StoredEvent } from '../../store/types';
import { present } from './read';

export interface WatchOptions {
  /** How often a watch that asked for bookmarks gets one. */
  bookmarkIntervalMs: number;
  /** Server-side limit on a watch without timeoutSeconds. */
  defaultTimeoutSeconds: number;
}

/**
 * A watch stream: newline-delimited JSON events, as the API server sends them.
 * - without resourceVersion (or "0") it starts with ADDED for every current object;
 * - with one, it replays the events after it, or sends a single ERROR event carrying a
 *   410 Expired Status when the event window no longer reaches back that far;
 * - BOOKMARK events when allowWatchBookmarks is set; closes after timeoutSeconds.
 * Returns a function that ends the stream (used when a cluster is taken down).
 */
export function watchObjects(
  ctx: RequestContext,
  res: ServerResponse,
  options: WatchOptions,
): () => void {
  const { store } = ctx.cluster;
  const labels = parseLabelSelector(
    ctx.query.get('labelSelector') ?? undefined,
  );
  const fields = parseFieldSelector(
    ctx.query.get('fieldSelector') ?? undefined,
  );
  const requested = ctx.query.get('resourceVersion');
  if (requested && requested !== '0' && !/^\d+$/.test(requested)) {
    throw errors.badRequest(`invalid resource version: ${requested}`);
  }

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache',
  });
  res.flushHeaders();
  const send = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };

  let delivered = 0;
  let replaying = true;
  const pending: StoredEvent[] = [];
  const deliver = (event: StoredEvent) => {
    if (event.resourceVersion <= delivered) return;
    delivered = event.resourceVersion;
    const object = event.object;
    if (ctx.namespace && object.metadata.namespace !== ctx.namespace) return;
    if (!labels(object) || !fields(object)) return;
    send(event.type, present(ctx, object));
  };
  const unsubscribe = store.subscribe(ctx.kind, event => {
    if (replaying) pending.push(event);
    else deliver(event);
  });

  const timers: NodeJS.Timeout[] = [];
  const end = () => {
    unsubscribe();
    timers.forEach(clearTimeout);
    if (!res.writableEnded) res.end();
  };
  res.on('close', end);

  if (!requested || requested === '0') {
    for (const object of store.list(ctx.kind, ctx.namespace)) {
      if (labels(object) && fields(object)) send('ADDED', present(ctx, object));
    }
    delivered = store.resourceVersion;
  } else {
    const since = store.eventsSince(ctx.kind, Number(requested));
    if (since === 'expired') {
      send(
        'ERROR',
        statusBody(
          410,
          'Expired',
          `too old resource version: ${requested} (${store.oldestResumableVersion})`,
        ),
      );
      end();
      return end;
    }
    delivered = Number(requested);
    since.forEach(deliver);
  }
  replaying = false;
  pending.forEach(deliver);

  if (ctx.query.get('allowWatchBookmarks') === 'true') {
    const bookmark = () => {
      send('BOOKMARK', {
        kind: ctx.type.kind,
        apiVersion: apiVersionOf(ctx.type),
        metadata: {
          resourceVersion: String(Math.max(delivered, store.resourceVersion)),
        },
      });
    };
    timers.push(setInterval(bookmark, options.bookmarkIntervalMs));
  }
  const timeoutSeconds = Number(
    ctx.query.get('timeoutSeconds') ?? options.defaultTimeoutSeconds,
  );
  timers.push(setTimeout(end, timeoutSeconds * 1000));
  return end;
}
