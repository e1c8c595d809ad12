import { buildApp } from './app.ts';
import type { Lifecycle } from './app.ts';
import { loadConfig } from './config.ts';
{% if values.database %}import { createDb } from './db.ts';
{% endif %}import { createShutdown } from './shutdown.ts';

const config = loadConfig();
const lifecycle: Lifecycle = { draining: false };
{% if values.database %}const db = createDb(config.databaseUrl);
{% endif %}
const app = buildApp({
{% if values.database %}  db,
{% endif %}  lifecycle,
  readinessTimeoutMs: config.readinessTimeoutMs,
  // Structured JSON logs on stdout (pino); the platform ships them.
  logger: {
    level: config.logLevel,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  },
});

const shutdown = createShutdown({
  app,
  lifecycle,
  drainDelayMs: config.shutdownDrainDelayMs,
  timeoutMs: config.shutdownTimeoutMs,
{% if values.database %}  cleanup: () => db.destroy(),
{% endif %}});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void shutdown(signal));
}

process.on('unhandledRejection', (reason) => {
  app.log.fatal({ err: reason }, 'unhandled promise rejection');
  void shutdown('unhandledRejection');
});

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'failed to start');
{% if values.database %}  await db.destroy();
{% endif %}  process.exit(1);
}
