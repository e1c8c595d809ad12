import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  DrApproval,
  DrFailoverMode,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { migratedClient } from '../database/migratedClient';

const TABLE = 'delivery_approvals';

/** How many decided or expired requests a list shows after the pending ones. */
const RECENT = 5;
/** A bound on pending ones too, so a stuck caller cannot make the list unbounded. */
const PENDING_MAX = 50;

interface ApprovalRow {
  id: string;
  entity_ref: string;
  environment: string;
  mode: DrFailoverMode;
  task_id: string | null;
  requested_by: string;
  reason: string;
  requested_at: Date | string | number;
  expires_at: Date | string | number;
  status: DrApproval['status'];
  decided_by: string | null;
  decided_at: Date | string | number | null;
}

/** What the failover task knows when it asks for an approval. */
export interface NewApproval {
  /** Chosen by the task, so a recovered task asking again gets the same request back. */
  id: string;
  entityRef: string;
  environment: string;
  mode: DrFailoverMode;
  taskId?: string;
  requestedBy: string;
  reason: string;
  expiresAt: Date;
}

/** A decision on a pending request. */
export type ApprovalDecision = 'approve' | 'reject';

// SQLite hands timestamps back as epoch numbers or strings, PostgreSQL as Date.
function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function toApproval(row: ApprovalRow, now: Date): DrApproval {
  const expiresAt = toDate(row.expires_at);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    mode: row.mode,
    taskId: row.task_id ?? undefined,
    requestedBy: row.requested_by,
    reason: row.reason,
    requestedAt: toDate(row.requested_at).toISOString(),
    expiresAt: expiresAt.toISOString(),
    // A request read between its expiry and the write that records it is still expired.
    status:
      row.status === 'pending' && expiresAt <= now ? 'expired' : row.status,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: row.decided_at
      ? toDate(row.decided_at).toISOString()
      : undefined,
  };
}

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Approval requests of production failovers, in the plugin's database (SQLite or
 * PostgreSQL). A request changes once: from pending to approved, rejected or expired.
 */
export class ApprovalStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ApprovalStore> {
    const client = await migratedClient(options.database);
    return new ApprovalStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records a pending request. Asking again with an id that exists returns that request
   * unchanged, whatever became of it; refused when that id belongs to another target.
   */
  async request(approval: NewApproval, now = new Date()): Promise<DrApproval> {
    await this.db<ApprovalRow>(TABLE)
      .insert({
        id: approval.id,
        entity_ref: approval.entityRef,
        environment: approval.environment,
        mode: approval.mode,
        task_id: approval.taskId ?? null,
        requested_by: approval.requestedBy,
        reason: approval.reason,
        requested_at: now,
        expires_at: approval.expiresAt,
        status: 'pending',
        decided_by: null,
        decided_at: null,
      })
      .onConflict('id')
      .ignore();
    const stored = await this.get(approval.id, now);
    if (!stored) {
      throw new NotFoundError(`No approval request with id ${approval.id}`);
    }
    if (
      stored.entityRef !== approval.entityRef ||
      stored.environment !== approval.environment ||
      stored.mode !== approval.mode
    ) {
      // Handing back another target's approval would let a failover run on it.
      throw new ConflictError(
        `id: approval ${approval.id} is for the ${stored.mode} of ${stored.entityRef} in ${stored.environment}, not this one`,
      );
    }
    return stored;
  }

  async get(id: string, now = new Date()): Promise<DrApproval | undefined> {
    await this.recordExpiry(now, q => q.where({ id }));
    const row = await this.db<ApprovalRow>(TABLE).where({ id }).first();
    return row && toApproval(row, now);
  }

  /** The entity's pending requests, newest first, then its last few decided or expired. */
  async list(entityRef: string, now = new Date()): Promise<DrApproval[]> {
    await this.recordExpiry(now, q => q.where({ entity_ref: entityRef }));
    const newestFirst = [
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ];
    const pending = await this.db<ApprovalRow>(TABLE)
      .where({ entity_ref: entityRef, status: 'pending' })
      .orderBy(newestFirst)
      .limit(PENDING_MAX);
    const recent = await this.db<ApprovalRow>(TABLE)
      .where({ entity_ref: entityRef })
      .whereNot({ status: 'pending' })
      .orderBy(newestFirst)
      .limit(RECENT);
    return [...pending, ...recent].map(row => toApproval(row, now));
  }

  /**
   * Approves or rejects a pending, unexpired request in one conditional UPDATE, so of two
   * approvers deciding at once exactly one wins; the other is told who did. The requester
   * cannot decide their own request.
   */
  async decide(
    id: string,
    decision: ApprovalDecision,
    by: string,
    now = new Date(),
  ): Promise<DrApproval> {
    const current = await this.get(id, now);
    if (!current) {
      throw new NotFoundError(`No approval request with id ${id}`);
    }
    if (sameUser(current.requestedBy, by)) {
      throw new NotAllowedError(
        `${by} asked for this ${current.mode}: a second member of the platform team must approve or reject it`,
      );
    }
    const updated = await this.db<ApprovalRow>(TABLE)
      .where({ id, status: 'pending' })
      .where('expires_at', '>', now)
      .update({
        status: decision === 'approve' ? 'approved' : 'rejected',
        decided_by: by,
        decided_at: now,
      });
    const after = (await this.get(id, now))!;
    if (updated === 0) {
      throw new ConflictError(notPendingMessage(after));
    }
    return after;
  }

  /** Writes `expired` on pending requests past their time, so lists and decisions agree. */
  private async recordExpiry(
    now: Date,
    scope: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<void> {
    await scope(this.db(TABLE))
      .where({ status: 'pending' })
      .where('expires_at', '<=', now)
      .update({ status: 'expired' });
  }
}

function notPendingMessage(approval: DrApproval): string {
  if (approval.status === 'expired') {
    return `This approval request expired at ${approval.expiresAt} without a decision; start the ${approval.mode} again to ask anew`;
  }
  const verb = approval.status === 'approved' ? 'approved' : 'rejected';
  return `This approval request was already ${verb} by ${approval.decidedBy} at ${approval.decidedAt}`;
}
