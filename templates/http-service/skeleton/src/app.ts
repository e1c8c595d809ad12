import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * The minimal surface the readiness probe needs from the database client.
 * A knex instance satisfies it (`knex.raw('select 1')`); tests pass a fake.
 */
export interface ReadinessDb {
  raw(sql: string): PromiseLike<unknown>;
}

/**
 * Mutable process state shared between the HTTP layer and the shutdown logic.
 * When `draining` is true the pod is going away: readiness fails so the load
 * balancer stops sending new traffic while in-flight requests complete.
 */
export interface Lifecycle {
  draining: boolean;
}

export interface BuildAppOptions {
  /** Database used by the readiness probe. Omit when the service has no database. */
  db?: ReadinessDb | undefined;
  /** Fastify/pino logger configuration; `false` disables logging (default). */
  logger?: FastifyServerOptions['logger'];
  /** Upper bound for a single readiness check, in milliseconds. */
  readinessTimeoutMs?: number;
  lifecycle?: Lifecycle;
}

const DEFAULT_READINESS_TIMEOUT_MS = 2_000;

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms}ms`);
    this.name = 'TimeoutError';
  }
}

async function withTimeout<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function buildApp(options: BuildAppOptions = {}): FastifyInstance {
  const {
    db,
    logger = false,
    readinessTimeoutMs = DEFAULT_READINESS_TIMEOUT_MS,
    lifecycle = { draining: false },
  } = options;

  const app = Fastify({
    logger,
    // Honour X-Request-Id from the ingress so logs can be correlated end to end.
    requestIdHeader: 'x-request-id',
    // Keep bodies small by default; raise per route when needed.
    bodyLimit: 1_048_576,
    // Respond 503 to new requests once close() has been called.
    return503OnClosing: true,
  });

  // While draining, ask clients to drop keep-alive connections once their
  // response is sent, so close() does not wait for idle sockets to time out.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (lifecycle.draining) void reply.header('connection', 'close');
    return payload;
  });

  // Liveness: is the process able to serve HTTP at all? Never checks
  // dependencies, otherwise a database outage would restart every pod.
  app.get('/health', () => ({ status: 'ok' }));

  // Readiness: may this instance receive traffic right now?
  app.get('/ready', async (request, reply) => {
    if (lifecycle.draining) {
      return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' });
    }
    if (!db) {
      return { status: 'ready' };
    }
    try {
      await withTimeout(db.raw('select 1'), readinessTimeoutMs);
      return { status: 'ready', checks: { database: 'ok' } };
    } catch (error) {
      const reason = error instanceof TimeoutError
        ? `database check ${error.message}`
        : 'database check failed';
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable', reason, checks: { database: 'failing' } });
    }
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `Route ${request.method} ${request.url} not found`,
    });
  });

  app.setErrorHandler((error, request, reply) => {
    const statusCode = typeof (error as { statusCode?: unknown }).statusCode === 'number'
      ? (error as { statusCode: number }).statusCode
      : 500;
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
      // Never leak internals (stack traces, SQL) to clients.
      return reply.code(statusCode).send({ statusCode, error: 'Internal Server Error', message: 'Internal Server Error' });
    }
    const message = error instanceof Error ? error.message : 'Bad Request';
    return reply.code(statusCode).send({ statusCode, error: 'Bad Request', message });
  });

  return app;
}
