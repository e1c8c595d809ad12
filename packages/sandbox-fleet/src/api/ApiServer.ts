import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { Socket } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { RequestCounters } from '../admin/counters';
import { FaultInjector } from '../admin/faults';
import { Cluster } from '../fleet/Cluster';
import { FleetTls } from '../fleet/tls';
import { discovery } from './discovery';
import { ApiError, errors, statusBody } from './errors';
import { serveUsageMetrics } from './handlers/metrics';
import { getForResponse, listObjects } from './handlers/read';
import { handleLog, handleScale } from './handlers/subresources';
import { watchObjects, WatchOptions } from './handlers/watch';
import {
  createObject,
  deleteCollection,
  deleteObject,
  patchObject,
  updateObject,
} from './handlers/write';
import { parsePath } from './paths';
import { kindOf, RequestContext, Verb, verbOf } from './requestContext';

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Who a request without credentials is, on a cluster with anonymous reads. */
const ANONYMOUS_USER = 'system:anonymous';
/** What RBAC grants that user there: reading, of every resource and of discovery. */
const ANONYMOUS_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);

function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new ApiError(
            413,
            'RequestEntityTooLarge',
            'the request body is too large',
          ),
        );
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * One simulated cluster's Kubernetes API server on a loopback port: bearer-token auth
 * (and read-only anonymous requests where the cluster allows them), discovery, the resource verbs, and the fault and counter hooks of the admin API.
 */
export class ApiServer {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<() => void>();
  private boundPort = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly faults: FaultInjector,
    private readonly counters: RequestCounters,
    private readonly watchOptions: WatchOptions,
    private readonly tls: FleetTls,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `https://127.0.0.1:${this.boundPort}`;
  }

  get isUp(): boolean {
    return Boolean(this.server?.listening);
  }

  async start(port = this.cluster.spec.port): Promise<void> {
    const server = createServer(
      { key: this.tls.keyPem, cert: this.tls.certPem },
      (req, res) => {
        this.handle(req, res).catch(error => this.fail(res, error));
      },
    );
    server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as { port: number }).port;
  }

  /** Takes the cluster off the network: refuses new connections and cuts open ones. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.watches.forEach(end => end());
    for (const socket of this.sockets) socket.destroy();
    if (server)
      await new Promise<void>(resolve => server.close(() => resolve()));
  }

  /** Brings it back on the same port. */
  async restart(): Promise<void> {
    if (!this.isUp) await this.start(this.boundPort);
  }

  private fail(res: ServerResponse, error: unknown) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof ApiError) {
      sendJson(res, error.code, error.toStatus());
    } else {
      sendJson(
        res,
        500,
        statusBody(
          500,
          'InternalError',
          `Internal error occurred: ${(error as Error).message}`,
        ),
      );
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (['/healthz', '/livez', '/readyz'].includes(url.pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    // A wrong token is refused even where anonymous requests are let in, as a real server
    // refuses it: only a request with no credentials at all is system:anonymous.
    const anonymous =
      req.headers.authorization === undefined &&
      Boolean(this.cluster.spec.anonymousReads);
    if (
      !anonymous &&
      req.headers.authorization !== `Bearer ${this.cluster.token}`
    ) {
      throw errors.unauthorized();
    }

    const parsed = parsePath(url.pathname);
    const method = req.method ?? 'GET';
    let verb: Verb | undefined;
    if (parsed.kind === 'resource') {
      verb = verbOf(method, Boolean(parsed.name), url.searchParams);
    } else if (method === 'GET') {
      verb = 'get';
    }
    if (anonymous && !ANONYMOUS_VERBS.has(verb ?? '')) {
      throw errors.forbidden(
        ANONYMOUS_USER,
        verb ?? method.toLowerCase(),
        parsed.kind === 'resource'
          ? {
              group: parsed.type.group,
              resource: parsed.type.resource,
              subresource: parsed.subresource,
              namespace: parsed.namespace,
              name: parsed.name,
            }
          : { path: url.pathname },
      );
    }
    const resource =
      parsed.kind === 'resource'
        ? `${parsed.type.group}/${parsed.type.resource}${
            parsed.subresource ? `/${parsed.subresource}` : ''
          }`
        : 'discovery';
    this.counters.increment(
      this.cluster.name,
      verb ?? method.toLowerCase(),
      resource,
    );

    const fault = this.faults.take(this.cluster.name, verb ?? '', url.pathname);
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'status') {
      sendJson(
        res,
        fault.code,
        statusBody(
          fault.code,
          REASONS[fault.code] ?? 'InternalError',
          fault.message ?? `injected fault: ${fault.code}`,
          fault.retryAfterSeconds
            ? { retryAfterSeconds: fault.retryAfterSeconds }
            : undefined,
        ),
        fault.retryAfterSeconds
          ? { 'Retry-After': String(fault.retryAfterSeconds) }
          : {},
      );
      return;
    }
    if (fault?.type === 'delay') {
      // Unref'd: a late answer must not keep a stopped fleet's process alive.
      await new Promise(resolve => setTimeout(resolve, fault.ms).unref());
    }

    if (parsed.kind === 'discovery' || parsed.kind === 'unknown') {
      const body = method === 'GET' ? discovery(url.pathname) : undefined;
      if (body === undefined) throw errors.pathNotFound(url.pathname);
      sendJson(res, 200, body);
      return;
    }
    if (!verb) throw errors.methodNotAllowed(method);

    const rawBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)
      ? await readBody(req)
      : '';
    const contentType = req.headers['content-type'] ?? 'application/json';
    // A server-side apply may send YAML (JSON is YAML too); every other body is JSON.
    const isApply = contentType.startsWith('application/apply-patch+yaml');
    let body: any;
    if (rawBody) {
      try {
        body = isApply ? parseYaml(rawBody) : JSON.parse(rawBody);
      } catch {
        throw errors.badRequest(
          `the request body is not valid ${isApply ? 'YAML' : 'JSON'}`,
        );
      }
    }
    const ctx: RequestContext = {
      cluster: this.cluster,
      verb,
      type: parsed.type,
      kind: kindOf(parsed.type),
      namespace: parsed.namespace,
      name: parsed.name,
      subresource: parsed.subresource,
      query: url.searchParams,
      contentType,
      accept: req.headers.accept ?? 'application/json',
      userAgent: req.headers['user-agent'],
      body,
    };

    // metrics.k8s.io is metrics-server's, computed on request and never stored or watched.
    if (ctx.type.usageMetrics) {
      sendJson(res, 200, serveUsageMetrics(ctx));
      return;
    }

    if (verb === 'watch') {
      const end = watchObjects(ctx, res, this.watchOptions);
      this.watches.add(end);
      res.on('close', () => this.watches.delete(end));
      return;
    }

    const result = this.dispatch(ctx);
    if (fault?.type === 'timeout-after-write') {
      // The change is made; the answer never comes. Drop the connection later, unless it
      // closes first (the client gave up, or the cluster was stopped).
      const drop = setTimeout(() => req.socket.destroy(), fault.ms ?? 30_000);
      drop.unref();
      req.socket.once('close', () => clearTimeout(drop));
      return;
    }
    if (typeof result === 'string') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(result);
      return;
    }
    sendJson(res, verb === 'create' ? 201 : 200, result);
  }

  private dispatch(ctx: RequestContext): unknown {
    if (ctx.subresource) {
      const allowed = ctx.type.subresources ?? [];
      if (!allowed.includes(ctx.subresource as never)) {
        throw errors.pathNotFound(`${ctx.type.resource}/${ctx.subresource}`);
      }
      if (ctx.subresource === 'scale') return handleScale(ctx);
      if (ctx.subresource === 'log') return handleLog(ctx);
      if (ctx.verb === 'get') return getForResponse(ctx);
      if (ctx.verb === 'update') return updateObject(ctx);
      if (ctx.verb === 'patch') return patchObject(ctx);
      throw errors.methodNotAllowed(ctx.verb);
    }
    switch (ctx.verb) {
      case 'get':
        return getForResponse(ctx);
      case 'list':
        return listObjects(ctx);
      case 'create':
        return createObject(ctx);
      case 'update':
        return updateObject(ctx);
      case 'patch':
        return patchObject(ctx);
      case 'delete':
        return deleteObject(ctx);
      case 'deletecollection':
        return deleteCollection(ctx);
      default:
        throw errors.methodNotAllowed(ctx.verb);
    }
  }
}
