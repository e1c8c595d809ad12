export interface Config {
  amqpUrl: string;
  queueName: string;
  prefetch: number;
  healthPort: number;
  shutdownTimeoutMs: number;
  logLevel: string;
}

function intFromEnv(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${key} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    amqpUrl: env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672',
    queueName: env.QUEUE_NAME ?? ${{ values.queueName | dump }},
    prefetch: intFromEnv(env, 'PREFETCH', 10),
    healthPort: intFromEnv(env, 'HEALTH_PORT', 9090),
    shutdownTimeoutMs: intFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 40_000),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
