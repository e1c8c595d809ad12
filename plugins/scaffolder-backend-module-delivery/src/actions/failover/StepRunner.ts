import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import {
  DrFailoverStepId,
  DrFailoverStepRecord,
} from '@internal/backstage-plugin-delivery-common';

type Checkpoint = <T extends JsonValue | void>(
  key: string,
  fn: () => Promise<T>,
) => Promise<T>;

/** What a step's work returns: a sentence for the log and record, and a value to keep. */
export interface StepResult<T extends JsonValue> {
  detail: string;
  value: T;
}

/**
 * Runs failover steps one after another: each logged when it starts and ends, timed, and
 * checkpointed, so a task recovered after a backend restart skips the steps that finished
 * (with their recorded times) and repeats only the one it was in, whose provider calls are
 * idempotent.
 */
export class StepRunner {
  readonly records: DrFailoverStepRecord[] = [];

  constructor(
    private readonly logger: LoggerService,
    private readonly checkpoint: Checkpoint,
  ) {}

  async run<T extends JsonValue>(
    id: DrFailoverStepId,
    fn: () => Promise<StepResult<T>>,
  ): Promise<T> {
    const started = Date.now();
    this.logger.info(`Step ${id}: started`);
    try {
      const { detail, value, seconds } = await this.checkpoint(
        `failover.step.${id}.v1`,
        async () => {
          const result = await fn();
          return {
            detail: result.detail,
            value: result.value,
            seconds: Math.round((Date.now() - started) / 100) / 10,
          };
        },
      );
      this.records.push({ id, status: 'done', seconds, detail });
      this.logger.info(`Step ${id}: done in ${seconds} s: ${detail}`);
      return value as T;
    } catch (error) {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const detail = (error as Error).message;
      this.records.push({ id, status: 'failed', seconds, detail });
      this.logger.error(`Step ${id}: FAILED after ${seconds} s: ${detail}`);
      throw error;
    }
  }

  skip(id: DrFailoverStepId, detail: string): void {
    this.records.push({ id, status: 'skipped', detail });
    this.logger.info(`Step ${id}: skipped: ${detail}`);
  }

  /** Marks a finished step as undone by a rollback. */
  rolledBack(id: DrFailoverStepId, detail: string): void {
    const record = this.records.find(r => r.id === id && r.status === 'done');
    if (record) {
      record.status = 'rolled-back';
      record.detail = `${record.detail}; rolled back: ${detail}`;
    }
    this.logger.warn(`Step ${id}: rolled back: ${detail}`);
  }

  /** The first step that failed, if any. */
  failed(): DrFailoverStepRecord | undefined {
    return this.records.find(r => r.status === 'failed');
  }
}
