import { pino } from 'pino';

export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error' | 'debug'>;

/** JSON logs on stdout; the platform ships them. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  return pino({
    level,
    base: { service: ${{ values.name | dump }} },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
