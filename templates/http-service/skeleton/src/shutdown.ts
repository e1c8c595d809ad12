import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from './app.ts';

export interface ShutdownOptions {
  app: FastifyInstance;
  lifecycle: Lifecycle;
  /**
   * Time to keep serving after the signal while readiness reports 503, so the
   * Kubernetes endpoints controller and load balancers stop routing to us.
   */
  drainDelayMs: number;
  /** Hard limit for the whole shutdown; keep it below terminationGracePeriodSeconds. */
  timeoutMs: number;
  /** Releases resources (database pool, ...) after in-flight requests finished. */
  cleanup?: () => Promise<void>;
  exit?: (code: number) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Returns an idempotent shutdown function:
 *   1. mark the instance as draining (readiness -> 503),
 *   2. wait drainDelayMs so traffic is routed elsewhere,
 *   3. app.close(): stop accepting connections and wait for in-flight requests,
 *   4. cleanup() (destroy the database pool), exit 0.
 * If anything hangs longer than timeoutMs the process exits with 1.
 */
export function createShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const { app, lifecycle, drainDelayMs, timeoutMs, cleanup, exit = (code) => process.exit(code) } = options;
  let started: Promise<void> | undefined;

  return (signal: string) => {
    if (started) return started;
    let exited = false;
    const finish = (code: number) => {
      if (exited) return;
      exited = true;
      exit(code);
    };
    started = (async () => {
      lifecycle.draining = true;
      app.log.info({ signal, drainDelayMs, timeoutMs }, 'shutdown started');
      const timer = setTimeout(() => {
        app.log.error({ timeoutMs }, 'shutdown timed out, forcing exit');
        finish(1);
      }, timeoutMs);
      timer.unref();
      try {
        if (drainDelayMs > 0) await sleep(drainDelayMs);
        await app.close();
        if (cleanup) await cleanup();
        app.log.info('shutdown complete');
        finish(0);
      } catch (error) {
        app.log.error({ err: error }, 'shutdown failed');
        finish(1);
      } finally {
        clearTimeout(timer);
      }
    })();
    return started;
  };
}
