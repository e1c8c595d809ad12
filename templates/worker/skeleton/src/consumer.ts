import type { Logger } from './logger.ts';

/** The subset of an amqplib Channel the consumer uses (a fake one is injected in tests). */
export interface ConsumeMessage {
  content: Buffer;
  fields: { deliveryTag: number; redelivered: boolean };
  properties: { messageId?: string | undefined };
}
export interface QueueChannel {
  assertQueue(queue: string, options?: { durable?: boolean }): Promise<unknown>;
  prefetch(count: number): Promise<unknown>;
  consume(
    queue: string,
    onMessage: (msg: ConsumeMessage | null) => void,
    options?: { noAck?: boolean },
  ): Promise<{ consumerTag: string }>;
  cancel(consumerTag: string): Promise<unknown>;
  ack(message: ConsumeMessage): void;
  nack(message: ConsumeMessage, allUpTo?: boolean, requeue?: boolean): void;
}

export type MessageHandler = (payload: unknown, message: ConsumeMessage) => Promise<void>;

export interface ConsumerOptions {
  channel: QueueChannel;
  queue: string;
  prefetch: number;
  handler: MessageHandler;
  logger: Logger;
}

/**
 * Consumes one queue with manual acknowledgements:
 * a message is acked only after the handler resolved; a failing handler nacks
 * without requeue (the queue's dead-letter exchange keeps it), a redelivered
 * message that fails again is also dead-lettered, so poison messages cannot loop.
 */
export class QueueConsumer {
  private readonly options: ConsumerOptions;
  private consumerTag: string | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(options: ConsumerOptions) {
    this.options = options;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  get consuming(): boolean {
    return this.consumerTag !== undefined;
  }

  async start(): Promise<void> {
    const { channel, queue, prefetch, logger } = this.options;
    await channel.assertQueue(queue, { durable: true });
    await channel.prefetch(prefetch);
    const { consumerTag } = await channel.consume(queue, (msg) => this.onMessage(msg), { noAck: false });
    this.consumerTag = consumerTag;
    logger.info({ queue, prefetch }, 'consuming');
  }

  private onMessage(message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled the consumer (queue deleted, node failover, ...).
      this.options.logger.warn({ queue: this.options.queue }, 'consumer cancelled by broker');
      this.consumerTag = undefined;
      return;
    }
    const work = this.process(message).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async process(message: ConsumeMessage): Promise<void> {
    const { channel, handler, logger } = this.options;
    const started = performance.now();
    const messageId = message.properties.messageId;
    try {
      const payload: unknown = JSON.parse(message.content.toString('utf8'));
      await handler(payload, message);
      channel.ack(message);
      logger.info({ messageId, durationMs: Math.round(performance.now() - started) }, 'message processed');
    } catch (error) {
      channel.nack(message, false, false);
      logger.error({ messageId, redelivered: message.fields.redelivered, err: error }, 'message failed');
    }
  }

  /** Stop taking new messages, then wait (bounded) for in-flight ones to be acked. */
  async stop(timeoutMs: number): Promise<boolean> {
    if (this.stopping) return false;
    this.stopping = true;
    const { channel, logger } = this.options;
    if (this.consumerTag !== undefined) {
      await channel.cancel(this.consumerTag);
      this.consumerTag = undefined;
    }
    logger.info({ inFlight: this.inFlight.size }, 'consumer cancelled, draining');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = Promise.allSettled([...this.inFlight]).then(() => true as const);
    const finished = await Promise.race([drained, timeout]);
    clearTimeout(timer);
    if (!finished) logger.warn({ inFlight: this.inFlight.size }, 'drain timed out; unacked messages will be redelivered');
    return finished;
  }
}
