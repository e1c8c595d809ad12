import type { MessageHandler } from './consumer.ts';
import type { Logger } from './logger.ts';

export interface Job {
  id: string;
  type: string;
  data?: unknown;
}

export function parseJob(payload: unknown): Job {
  if (typeof payload !== 'object' || payload === null) throw new TypeError('message body must be a JSON object');
  const { id, type, data } = payload as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw new TypeError('message.id must be a non-empty string');
  if (typeof type !== 'string' || type === '') throw new TypeError('message.type must be a non-empty string');
  return { id, type, data };
}

export interface HandlerDeps {
  logger: Logger;
  /** Idempotency guard: resolves false when the job was already processed. */
  markProcessed?: (jobId: string) => Promise<boolean>;
}

/** Business logic for ${{ values.name }}. Replace the body of `handle` with the real work. */
export function createHandler(deps: HandlerDeps): MessageHandler {
  return async (payload) => {
    const job = parseJob(payload);
    if (deps.markProcessed && !(await deps.markProcessed(job.id))) {
      deps.logger.info({ jobId: job.id }, 'duplicate job skipped');
      return;
    }
    deps.logger.debug({ jobId: job.id, type: job.type }, 'handling job');
    // TODO: the actual work goes here. Throwing dead-letters the message.
  };
}
