import { DatabaseService } from '@backstage/backend-plugin-api';
import { DeliveryNotificationKind } from '@internal/backstage-plugin-delivery-node';
import { Knex } from 'knex';
import { migratedClient } from '../database/migratedClient';

const TABLE = 'delivery_notifications_sent';

interface SentRow {
  dedupe_key: string;
  kind: DeliveryNotificationKind;
  entity_ref: string;
  recipients: string;
  sent_at: Date | string | number;
}

/** One event as the record of what was sent keeps it. */
export interface SentNotification {
  dedupeKey: string;
  kind: DeliveryNotificationKind;
  entityRef: string;
  recipients: string[];
}

/**
 * The record of what Delivery has notified (SQLite or PostgreSQL), keyed by the event. A
 * sender claims an event before it sends: the unique key lets exactly one claim win across
 * retries, scheduled ticks and backend replicas.
 */
export class SentNotifications {
  static async create(options: {
    database: DatabaseService;
  }): Promise<SentNotifications> {
    return new SentNotifications(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** Records the event; false when it was recorded before (someone else sends it). */
  async claim(sent: SentNotification, now = new Date()): Promise<boolean> {
    const inserted = await this.db<SentRow>(TABLE)
      .insert({
        dedupe_key: sent.dedupeKey,
        kind: sent.kind,
        entity_ref: sent.entityRef,
        recipients: JSON.stringify(sent.recipients),
        sent_at: now,
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning('dedupe_key');
    return inserted.length > 0;
  }

  /**
   * Forgets the events sent before `cutoff`, returning how many: by then none of them can
   * happen again (a run or an approval ends once, a month's forecast is past, a DR grade
   * change is a day's), so the record need not grow with every event ever sent.
   */
  async forgetSentBefore(cutoff: Date): Promise<number> {
    return this.db<SentRow>(TABLE).where('sent_at', '<', cutoff).delete();
  }

  /** Forgets a claim whose send failed, so the event's next occurrence may send it. */
  async release(dedupeKey: string): Promise<void> {
    await this.db<SentRow>(TABLE).where({ dedupe_key: dedupeKey }).delete();
  }
}
