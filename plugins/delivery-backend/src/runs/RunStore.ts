import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DeliveryRun,
  DeliveryRunStatus,
} from '@internal/backstage-plugin-delivery-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend',
  'migrations',
);

const TABLE = 'delivery_runs';

interface RunRow {
  id: string;
  entity_ref: string;
  environment: string;
  action: string;
  status: DeliveryRunStatus;
  initiated_by: string;
  task_id: string | null;
  inputs: string;
  summary: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
}

/** What a caller knows when a run starts. */
export interface NewRun {
  entityRef: string;
  environment: string;
  action: string;
  initiatedBy: string;
  taskId?: string;
  /** Must already be free of secrets: the store keeps what it is given. */
  inputs: Record<string, unknown>;
}

// SQLite hands timestamps back as epoch numbers or strings, PostgreSQL as Date.
function toIso(value: Date | string | number): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toRun(row: RunRow): DeliveryRun {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    action: row.action,
    status: row.status,
    initiatedBy: row.initiated_by,
    taskId: row.task_id ?? undefined,
    inputs: JSON.parse(row.inputs),
    summary: row.summary ?? undefined,
    startedAt: toIso(row.started_at),
    finishedAt: row.finished_at ? toIso(row.finished_at) : undefined,
  };
}

/** Records delivery action runs in the plugin's database (SQLite or PostgreSQL). */
export class RunStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<RunStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new RunStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async startRun(run: NewRun, now = new Date()): Promise<DeliveryRun> {
    const row: RunRow = {
      id: randomUUID(),
      entity_ref: run.entityRef,
      environment: run.environment,
      action: run.action,
      status: 'running',
      initiated_by: run.initiatedBy,
      task_id: run.taskId ?? null,
      inputs: JSON.stringify(run.inputs),
      summary: null,
      started_at: now,
      finished_at: null,
    };
    await this.db<RunRow>(TABLE).insert(row);
    return toRun(row);
  }

  async finishRun(
    id: string,
    outcome: { status: Exclude<DeliveryRunStatus, 'running'>; summary: string },
    now = new Date(),
  ): Promise<void> {
    // Only a running run can finish, so a retried finish cannot overwrite the first outcome.
    const updated = await this.db<RunRow>(TABLE)
      .where({ id, status: 'running' })
      .update({
        status: outcome.status,
        summary: outcome.summary,
        finished_at: now,
      });
    if (updated === 0) {
      const exists = await this.db<RunRow>(TABLE).where({ id }).first('id');
      if (!exists) {
        throw new NotFoundError(`No delivery run with id ${id}`);
      }
    }
  }

  /** Newest first. */
  async listRuns(options: {
    entityRef: string;
    limit: number;
  }): Promise<DeliveryRun[]> {
    const rows = await this.db<RunRow>(TABLE)
      .where({ entity_ref: options.entityRef })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(toRun);
  }
}
