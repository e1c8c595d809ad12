import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../src/app.ts';
import type { ReadinessDb } from '../src/app.ts';

/** The JSON body of a /ready response. */
interface ReadyBody {
  status: string;
  reason?: string;
  checks?: Record<string, string>;
}

const healthyDb: ReadinessDb = { raw: () => Promise.resolve([{ '?column?': 1 }]) };
const failingDb: ReadinessDb = {
  raw: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
};
const hangingDb: ReadinessDb = { raw: () => new Promise<never>(() => {}) };

test('GET /health returns 200 without touching the database', async (t) => {
  let calls = 0;
  const app = buildApp({ db: { raw: () => { calls += 1; return Promise.resolve([]); } } });
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/health' });

  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok' });
  assert.equal(calls, 0);
});

test('GET /ready returns 200 when the database answers', async (t) => {
  const app = buildApp({ db: healthyDb });
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/ready' });

  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ready', checks: { database: 'ok' } });
});

test('GET /ready returns 503 with a reason when the database check fails', async (t) => {
  const app = buildApp({ db: failingDb });
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/ready' });

  assert.equal(res.statusCode, 503);
  const body = res.json<ReadyBody>();
  assert.equal(body.status, 'unavailable');
  assert.equal(body.reason, 'database check failed');
  // The raw driver error must not leak to callers.
  assert.doesNotMatch(res.body, /ECONNREFUSED/);
});

test('GET /ready returns 503 when the database check times out', async (t) => {
  const app = buildApp({ db: hangingDb, readinessTimeoutMs: 50 });
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/ready' });

  assert.equal(res.statusCode, 503);
  assert.match(res.json<ReadyBody>().reason ?? '', /timed out after 50ms/);
});

test('GET /ready returns 200 when the service has no database', async (t) => {
  const app = buildApp();
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/ready' });

  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ready' });
});

test('GET /ready returns 503 while draining, /health stays 200', async (t) => {
  const lifecycle = { draining: true };
  const app = buildApp({ db: healthyDb, lifecycle });
  t.after(() => app.close());

  const ready = await app.inject({ method: 'GET', url: '/ready' });
  const health = await app.inject({ method: 'GET', url: '/health' });

  assert.equal(ready.statusCode, 503);
  assert.equal(ready.json<ReadyBody>().reason, 'shutting down');
  assert.equal(health.statusCode, 200);
});

test('unknown routes return a JSON 404', async (t) => {
  const app = buildApp();
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/does-not-exist' });

  assert.equal(res.statusCode, 404);
  assert.match(String(res.headers['content-type']), /application\/json/);
  assert.deepEqual(res.json(), {
    statusCode: 404,
    error: 'Not Found',
    message: 'Route GET /does-not-exist not found',
  });
});

test('internal errors return a generic 500 without leaking details', async (t) => {
  const app = buildApp();
  app.get('/boom', () => {
    throw new Error('secret connection string postgres://user:pw@db');
  });
  t.after(() => app.close());

  const res = await app.inject({ method: 'GET', url: '/boom' });

  assert.equal(res.statusCode, 500);
  assert.deepEqual(res.json(), { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' });
});

test('logs are structured JSON lines carrying the request id', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const app = buildApp({ logger: { level: 'info', stream } });
  t.after(() => app.close());

  await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'req-123' } });

  assert.ok(lines.length > 0, 'expected log output');
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const completed = entries.find((entry) => entry.msg === 'request completed');
  assert.ok(completed, 'expected a "request completed" entry');
  assert.equal(completed.reqId, 'req-123');
  assert.equal(typeof completed.time, 'number');
  assert.equal(typeof completed.level, 'number');
});
