import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A write whose answer never came (timeout, reset): it may or may not have been applied.
 * The caller re-reads the object before deciding anything, never repeats the write blind.
 */
export class UnknownOutcomeError extends Error {
  name = 'UnknownOutcomeError';
}

/** The HTTP status of a client-node ApiException, or undefined for a transport failure. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

function retryAfterSeconds(error: unknown): number {
  const headers = (error as { headers?: Record<string, string> })?.headers;
  const value = Number(headers?.['retry-after'] ?? headers?.['Retry-After']);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 30) : 1;
}

/** Waits, or stops early with the signal's reason when the task is cancelled. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('cancelled'));
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface CallOptions {
  logger: LoggerService;
  signal?: AbortSignal;
  /** Reads are safe to repeat after a lost answer; writes are not. */
  idempotent?: boolean;
  maxAttempts?: number;
}

/**
 * One Kubernetes API call, the way every Delivery action makes them: 429 waits for
 * Retry-After (at most 30 s) and tries again; a lost answer is retried for a read and
 * turned into UnknownOutcomeError for a write; every other error is the caller's to judge
 * (409 in particular is re-read and re-checked, never forced).
 */
export async function kubeCall<T>(
  what: string,
  fn: () => Promise<T>,
  options: CallOptions,
): Promise<T> {
  const attempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const status = statusOf(error);
      if (status === 429 && attempt < attempts) {
        const wait = retryAfterSeconds(error);
        options.logger.warn(
          `${what}: the API server is throttling (429); trying again in ${wait}s`,
        );
        await sleep(wait * 1000, options.signal);
        continue;
      }
      if (status === undefined) {
        const reason = (error as Error)?.message ?? String(error);
        if (options.idempotent && attempt < attempts) {
          options.logger.warn(`${what}: no answer (${reason}); reading again`);
          await sleep(500 * attempt, options.signal);
          continue;
        }
        if (!options.idempotent)
          throw new UnknownOutcomeError(
            `${what}: no answer (${reason}); the outcome is unknown until the object is read again`,
          );
      }
      throw error;
    }
  }
}
