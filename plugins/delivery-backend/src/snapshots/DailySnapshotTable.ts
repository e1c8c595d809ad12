import { Knex } from 'knex';

const DAY_MS = 86_400_000;

/** Rows per insert statement, well under SQLite's bound on bound variables. */
const CHUNK = 100;

/** How many days a trend shows, and how long a snapshot is kept. */
export const TREND_DAYS = 90;

/** The UTC day of a moment, as snapshots are keyed: `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const daysBefore = (day: string, days: number) =>
  dayOf(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS);

/** The key every daily snapshot row has. */
export interface DailySnapshotRow {
  entity_ref: string;
  day: string;
}

/**
 * A table of one row per service and UTC day (keyed by both), as the DR readiness and the
 * cost snapshots keep them. A day's row is written once: a second write of the same
 * service and day, from this replica or another, is ignored, so a trend shows each day as
 * it was first measured. Rows older than the trend are dropped on each write.
 */
export class DailySnapshotTable<Row extends DailySnapshotRow> {
  constructor(readonly db: Knex, readonly table: string) {}

  /** Entity refs that already have a snapshot on `day`. */
  async entitiesWithSnapshot(day: string): Promise<Set<string>> {
    const rows = await this.db<DailySnapshotRow>(this.table)
      .where({ day })
      .select('entity_ref');
    return new Set(rows.map(row => row.entity_ref));
  }

  async write(day: string, rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db(this.table)
        .insert(rows.slice(i, i + CHUNK))
        .onConflict(['entity_ref', 'day'])
        .ignore();
    }
    await this.db(this.table)
      .where('day', '<', daysBefore(day, TREND_DAYS))
      .delete();
  }

  /** One service's rows of the last `TREND_DAYS` days up to `today`, oldest first. */
  async trend<K extends keyof Row & string>(
    entityRef: string,
    today: string,
    columns: K[],
  ): Promise<Array<Pick<Row, K | 'day'>>> {
    const rows: unknown[] = await this.db(this.table)
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', daysBefore(today, TREND_DAYS - 1))
      .andWhere('day', '<=', today)
      .orderBy('day', 'asc')
      .select('day', ...columns);
    return rows as Array<Pick<Row, K | 'day'>>;
  }
}
