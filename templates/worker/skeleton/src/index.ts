import { connect } from 'amqplib';
import { loadConfig } from './config.ts';
import { QueueConsumer } from './consumer.ts';
import { createHandler } from './handler.ts';
import { createHealthServer } from './health.ts';
import { createLogger } from './logger.ts';
{%- if values.database %}
import { createDb, markProcessed } from './db/db.ts';
{%- endif %}

const config = loadConfig();
const logger = createLogger(config.logLevel);

let shuttingDown = false;

async function main(): Promise<void> {
{%- if values.database %}
  const db = createDb();
{%- endif %}
  const connection = await connect(config.amqpUrl);
  const channel = await connection.createChannel();
  let brokerUp = true;
  connection.on('error', (err: unknown) => logger.error({ err }, 'amqp connection error'));
  connection.on('close', () => {
    brokerUp = false;
    if (!shuttingDown) {
      // Let Kubernetes restart the pod; unacked messages are redelivered.
      logger.error('amqp connection closed unexpectedly');
      process.exitCode = 1;
      void shutdown('amqp-close');
    }
  });

  const consumer = new QueueConsumer({
    channel,
    queue: config.queueName,
    prefetch: config.prefetch,
    logger,
    handler: createHandler({
      logger,
{%- if values.database %}
      markProcessed: (jobId) => markProcessed(db, jobId),
{%- endif %}
    }),
  });

  const health = createHealthServer(() => ({
    healthy: brokerUp && !shuttingDown,
    details: { consuming: consumer.consuming, inFlight: consumer.inFlightCount },
  }));
  health.listen(config.healthPort, () => logger.info({ port: config.healthPort }, 'health server listening'));

  await consumer.start();

  async function shutdown(reason: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    try {
      await consumer.stop(config.shutdownTimeoutMs);
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
{%- if values.database %}
      await db.destroy();
{%- endif %}
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    } finally {
      health.close();
      logger.info('bye');
    }
  }

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
