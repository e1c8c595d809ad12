import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DeliveryRun,
  DeliveryRunStatus,
  StartRunRequest,
} from '@internal/backstage-plugin-delivery-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { migratedClient } from '../database/migratedClient';

const TABLE = 'delivery_runs';
const LOCKS = 'delivery_run_locks';

interface LockRow {
  entity_ref: string;
  environment: string;
  run_id: string;
  acquired_at: Date | string;
}

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
  before_state?: string | null;
  after_state?: string | null;
}

/**
 * What a caller knows when a run starts: the body of `POST /runs`, as the contract defines
 * it (inputs and `before` must already be free of secrets; the store keeps what it is given).
 */
export type NewRun = StartRunRequest & {
  /** Who started it: the user the scaffolder acted for, from the request's credentials. */
  initiatedBy: string;
};

const parseJson = (text: string | null | undefined) =>
  text ? JSON.parse(text) : undefined;

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
    before: parseJson(row.before_state),
    after: parseJson(row.after_state),
  };
}

/** Records delivery action runs in the plugin's database (SQLite or PostgreSQL). */
export class RunStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<RunStore> {
    const client = await migratedClient(options.database);
    return new RunStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Starts a run and takes the lock of its service and environment. Refuses, naming the
   * run that holds it, when another run of that target is in progress. Asking again for a
   * run id that exists returns that run unchanged.
   */
  async startRun(run: NewRun, now = new Date()): Promise<DeliveryRun> {
    if (run.id) {
      const existing = await this.db<RunRow>(TABLE)
        .where({ id: run.id })
        .first();
      if (existing) return toRun(existing);
    }
    const row: RunRow = {
      id: run.id ?? randomUUID(),
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
      before_state:
        run.before === undefined ? null : JSON.stringify(run.before),
      after_state: null,
    };
    const locks = [
      { entityRef: run.entityRef, environment: run.environment },
      ...(run.extraLocks ?? []),
    ];
    try {
      await this.db.transaction(async tx => {
        for (const lock of locks) {
          await tx<LockRow>(LOCKS).insert({
            entity_ref: lock.entityRef,
            environment: lock.environment,
            run_id: row.id,
            acquired_at: now,
          });
        }
        await tx<RunRow>(TABLE).insert(row);
      });
    } catch (error) {
      for (const lock of locks) {
        const holder = await this.lockHolder(lock.entityRef, lock.environment);
        if (!holder) continue;
        const through =
          holder.entityRef === lock.entityRef
            ? ''
            : `, which holds ${lock.entityRef}`;
        throw new ConflictError(
          `${holder.action} of ${holder.entityRef} in ${holder.environment} is already running (run ${holder.id}, started by ${holder.initiatedBy} at ${holder.startedAt}${through}); wait for it to finish`,
        );
      }
      throw error;
    }
    return toRun(row);
  }

  /** One run by its id, if there is one. */
  async getRun(id: string): Promise<DeliveryRun | undefined> {
    const row = await this.db<RunRow>(TABLE).where({ id }).first();
    return row && toRun(row);
  }

  /** The run holding the lock of a service and environment, if any. */
  async lockHolder(
    entityRef: string,
    environment: string,
  ): Promise<DeliveryRun | undefined> {
    const lock = await this.db<LockRow>(LOCKS)
      .where({ entity_ref: entityRef, environment })
      .first();
    if (!lock) return undefined;
    const row = await this.db<RunRow>(TABLE).where({ id: lock.run_id }).first();
    return row && toRun(row);
  }

  async finishRun(
    id: string,
    outcome: {
      status: Exclude<DeliveryRunStatus, 'running'>;
      summary: string;
      after?: unknown;
    },
    now = new Date(),
  ): Promise<void> {
    // Only a running run can finish, so a retried finish cannot overwrite the first outcome.
    const updated = await this.db.transaction(async tx => {
      const count = await tx<RunRow>(TABLE)
        .where({ id, status: 'running' })
        .update({
          status: outcome.status,
          summary: outcome.summary,
          finished_at: now,
          after_state:
            outcome.after === undefined ? null : JSON.stringify(outcome.after),
        });
      await tx<LockRow>(LOCKS).where({ run_id: id }).delete();
      return count;
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

  /** An entity's runs of one action (such as `failover`), newest first. */
  async listRunsOfAction(options: {
    entityRef: string;
    action: string;
    limit: number;
  }): Promise<DeliveryRun[]> {
    const rows = await this.db<RunRow>(TABLE)
      .where({ entity_ref: options.entityRef, action: options.action })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(toRun);
  }

  /**
   * The runs of some actions started since `since`, of one entity or of all, optionally in
   * some environments only, oldest first: what the DORA metrics of a window are derived
   * from, in one query however many services there are.
   */
  async runsSince(options: {
    since: Date;
    actions: readonly string[];
    entityRef?: string;
    environments?: readonly string[];
  }): Promise<DeliveryRun[]> {
    if (options.environments?.length === 0) return [];
    const query = this.db<RunRow>(TABLE)
      .where('started_at', '>=', options.since)
      .whereIn('action', [...options.actions]);
    if (options.entityRef) query.where({ entity_ref: options.entityRef });
    if (options.environments)
      query.whereIn('environment', [...options.environments]);
    const rows = await query.orderBy([
      { column: 'started_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(toRun);
  }

  /**
   * Every entity's latest ended (succeeded or failed) run of one action in one of the
   * environments, in a single query: the DR drill check of a whole catalog reads only that
   * run per service, and the overview must not ask once per service.
   */
  async latestEndedRuns(options: {
    action: string;
    environments: string[];
  }): Promise<DeliveryRun[]> {
    if (options.environments.length === 0) return [];
    const ranked = this.db<RunRow>(TABLE)
      .select(
        '*',
        this.db.raw(
          'row_number() over (partition by entity_ref order by finished_at desc, id desc) as position',
        ),
      )
      .where({ action: options.action })
      .whereIn('status', ['succeeded', 'failed'])
      .whereIn('environment', options.environments)
      .whereNotNull('finished_at');
    const rows: RunRow[] = await this.db
      .select('*')
      .from(ranked.as('ranked'))
      .where('position', 1);
    return rows.map(toRun);
  }
}
