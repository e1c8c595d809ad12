import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createHealthServer } from '../src/health.ts';
import { loadConfig } from '../src/config.ts';

describe('health server', () => {
  it('answers /health with 200 when healthy and 503 otherwise', async () => {
    let healthy = true;
    const server = createHealthServer(() => ({ healthy }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const ok = await fetch(`http://127.0.0.1:${port}/health`);
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { status: 'ok' });
      healthy = false;
      assert.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 503);
      assert.equal((await fetch(`http://127.0.0.1:${port}/nope`)).status, 404);
    } finally {
      server.close();
    }
  });
});

describe('config', () => {
  it('reads defaults and validates integers', () => {
    const config = loadConfig({ PREFETCH: '3' });
    assert.equal(config.prefetch, 3);
    assert.equal(config.healthPort, 9090);
    assert.throws(() => loadConfig({ PREFETCH: 'lots' }), /PREFETCH/);
  });
});
