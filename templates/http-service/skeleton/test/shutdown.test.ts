import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { createShutdown } from '../src/shutdown.ts';

test('shutdown drains, closes the server, cleans up and exits 0', async () => {
  const lifecycle = { draining: false };
  const app = buildApp({ lifecycle });
  await app.ready();
  const events: string[] = [];
  app.addHook('onClose', (_instance, done) => {
    events.push('closed');
    done();
  });
  const exitCodes: number[] = [];

  const shutdown = createShutdown({
    app,
    lifecycle,
    drainDelayMs: 0,
    timeoutMs: 5_000,
    cleanup: () => {
      events.push('cleanup');
      return Promise.resolve();
    },
    exit: (code) => exitCodes.push(code),
  });

  await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')]);

  assert.equal(lifecycle.draining, true);
  assert.deepEqual(events, ['closed', 'cleanup']);
  assert.deepEqual(exitCodes, [0], 'shutdown must run only once');
});

test('in-flight requests complete before the server closes', async () => {
  const lifecycle = { draining: false };
  const app = buildApp({ lifecycle });
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  app.get('/slow', async () => {
    markStarted();
    await released;
    return { done: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');

  const inFlight = fetch(`http://127.0.0.1:${address.port}/slow`);
  await started;

  const exitCodes: number[] = [];
  const shutdown = createShutdown({
    app,
    lifecycle,
    drainDelayMs: 0,
    timeoutMs: 5_000,
    exit: (code) => exitCodes.push(code),
  });
  const done = shutdown('SIGTERM');
  setTimeout(() => release(), 50);

  const res = await inFlight;
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('connection'), 'close');
  assert.deepEqual(await res.json(), { done: true });
  await done;
  assert.deepEqual(exitCodes, [0]);
});

test('shutdown exits 1 when it exceeds the timeout', async () => {
  const lifecycle = { draining: false };
  const app = buildApp({ lifecycle });
  const exitCodes: number[] = [];

  const shutdown = createShutdown({
    app,
    lifecycle,
    drainDelayMs: 0,
    timeoutMs: 20,
    cleanup: () => new Promise<void>((resolve) => setTimeout(resolve, 200)),
    exit: (code) => exitCodes.push(code),
  });
  await shutdown('SIGTERM');

  assert.deepEqual(exitCodes, [1]);
});
