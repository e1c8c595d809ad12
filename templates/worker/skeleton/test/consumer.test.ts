import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueueConsumer, type ConsumeMessage, type QueueChannel } from '../src/consumer.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** In-memory stand-in for an amqplib channel: no RabbitMQ needed. */
class FakeChannel implements QueueChannel {
  acked: number[] = [];
  nacked: Array<{ tag: number; requeue: boolean | undefined }> = [];
  prefetchCount = 0;
  cancelled = false;
  asserted: string[] = [];
  private onMessage: ((msg: ConsumeMessage | null) => void) | undefined;
  private nextTag = 1;

  assertQueue(queue: string) {
    this.asserted.push(queue);
    return Promise.resolve({ queue });
  }
  prefetch(count: number) {
    this.prefetchCount = count;
    return Promise.resolve();
  }
  consume(_queue: string, onMessage: (msg: ConsumeMessage | null) => void) {
    this.onMessage = onMessage;
    return Promise.resolve({ consumerTag: 'ctag-1' });
  }
  cancel() {
    this.cancelled = true;
    this.onMessage = undefined;
    return Promise.resolve();
  }
  ack(message: ConsumeMessage) {
    this.acked.push(message.fields.deliveryTag);
  }
  nack(message: ConsumeMessage, _allUpTo?: boolean, requeue?: boolean) {
    this.nacked.push({ tag: message.fields.deliveryTag, requeue });
  }
  deliver(body: unknown): number {
    const deliveryTag = this.nextTag++;
    assert.ok(this.onMessage, 'no active consumer');
    this.onMessage({
      content: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      fields: { deliveryTag, redelivered: false },
      properties: { messageId: `m-${deliveryTag}` },
    });
    return deliveryTag;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('QueueConsumer', () => {
  it('asserts the queue, applies prefetch and acks only after the handler finished', async () => {
    const channel = new FakeChannel();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = new QueueConsumer({ channel, queue: 'jobs', prefetch: 5, logger: silent, handler: () => gate });
    await consumer.start();
    assert.deepEqual(channel.asserted, ['jobs']);
    assert.equal(channel.prefetchCount, 5);

    channel.deliver({ id: '1', type: 't' });
    await tick();
    assert.deepEqual(channel.acked, [], 'not acked while in flight');
    assert.equal(consumer.inFlightCount, 1);
    release();
    await tick();
    assert.deepEqual(channel.acked, [1]);
    assert.equal(consumer.inFlightCount, 0);
  });

  it('nacks without requeue when the handler throws or the body is not JSON', async () => {
    const channel = new FakeChannel();
    const consumer = new QueueConsumer({
      channel,
      queue: 'jobs',
      prefetch: 1,
      logger: silent,
      handler: () => Promise.reject(new Error('boom')),
    });
    await consumer.start();
    channel.deliver({ id: '1', type: 't' });
    channel.deliver('not json');
    await tick();
    assert.deepEqual(channel.nacked.toSorted((a, b) => a.tag - b.tag), [
      { tag: 1, requeue: false },
      { tag: 2, requeue: false },
    ]);
    assert.deepEqual(channel.acked, []);
  });

  it('stop() cancels the consumer and waits for in-flight messages', async () => {
    const channel = new FakeChannel();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = new QueueConsumer({ channel, queue: 'jobs', prefetch: 2, logger: silent, handler: () => gate });
    await consumer.start();
    channel.deliver({ id: '1', type: 't' });
    const stopped = consumer.stop(1_000);
    await tick();
    assert.equal(channel.cancelled, true);
    assert.deepEqual(channel.acked, []);
    release();
    assert.equal(await stopped, true);
    assert.deepEqual(channel.acked, [1]);
  });

  it('stop() gives up after the timeout', async () => {
    const channel = new FakeChannel();
    const consumer = new QueueConsumer({
      channel,
      queue: 'jobs',
      prefetch: 1,
      logger: silent,
      handler: () => new Promise(() => {}),
    });
    await consumer.start();
    channel.deliver({ id: '1', type: 't' });
    assert.equal(await consumer.stop(20), false);
  });
});
