export interface Config {
  port: number;
  host: string;
  logLevel: string;
{% if values.database %}  databaseUrl: string;
{% endif %}  readinessTimeoutMs: number;
  shutdownDrainDelayMs: number;
  shutdownTimeoutMs: number;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

/** Reads configuration from the environment (twelve-factor); fails fast on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
{% if values.database %}  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error('DATABASE_URL is required');
  }
{% endif %}  return {
    port: intFromEnv(env, 'PORT', ${{ values.port }}),
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
{% if values.database %}    databaseUrl,
{% endif %}    readinessTimeoutMs: intFromEnv(env, 'READINESS_TIMEOUT_MS', 2_000),
    shutdownDrainDelayMs: intFromEnv(env, 'SHUTDOWN_DRAIN_DELAY_MS', 5_000),
    shutdownTimeoutMs: intFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 25_000),
  };
}
