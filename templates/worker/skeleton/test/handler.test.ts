import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHandler, parseJob } from '../src/handler.ts';
import type { ConsumeMessage } from '../src/consumer.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const msg = {} as ConsumeMessage;

describe('handler', () => {
  it('parses a valid job and rejects invalid ones', () => {
    assert.deepEqual(parseJob({ id: 'a', type: 'b', data: 1 }), { id: 'a', type: 'b', data: 1 });
    assert.throws(() => parseJob(null), TypeError);
    assert.throws(() => parseJob({ id: '', type: 'b' }), TypeError);
    assert.throws(() => parseJob({ id: 'a' }), TypeError);
  });

  it('skips jobs the idempotency guard has already seen', async () => {
    const seen = new Set<string>();
    const handler = createHandler({
      logger: silent,
      markProcessed: (id) => {
        if (seen.has(id)) return Promise.resolve(false);
        seen.add(id);
        return Promise.resolve(true);
      },
    });
    await handler({ id: 'x', type: 't' }, msg);
    await handler({ id: 'x', type: 't' }, msg);
    assert.deepEqual([...seen], ['x']);
  });
});
