import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DrGrade,
  DrReadiness,
  DrTrendPoint,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend',
  'migrations',
);

const TABLE = 'delivery_dr_snapshots';

/** How many days the trend shows, and how long a snapshot is kept. */
export const DR_TREND_DAYS = 90;

const DAY_MS = 86_400_000;

/** Rows per insert statement, well under SQLite's bound on bound variables. */
const CHUNK = 100;

interface SnapshotRow {
  entity_ref: string;
  day: string;
  score: number;
  grade: DrGrade;
  weights: string;
  created_at: Date;
}

/** The UTC day of a moment, as the snapshots are keyed: `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One service's readiness on one day. */
export type DrReadinessSnapshot = Pick<
  DrReadiness,
  'entityRef' | 'score' | 'grade' | 'weights'
>;

/**
 * The daily DR readiness snapshots (SQLite or PostgreSQL). A day's row is written once:
 * a second write of the same service and day, from this replica or another, is ignored,
 * so the trend shows each day as it was first measured.
 */
export class DrSnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DrSnapshotStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DrSnapshotStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /** Entity refs that already have a snapshot on `day`. */
  async entitiesWithSnapshot(day: string): Promise<Set<string>> {
    const rows = await this.db<SnapshotRow>(TABLE)
      .where({ day })
      .select('entity_ref');
    return new Set(rows.map(row => row.entity_ref));
  }

  /**
   * Records the snapshots of `day`; those that exist already are left as they are. Drops
   * snapshots older than the trend, so the table stays as large as what is shown.
   */
  async write(day: string, snapshots: DrReadinessSnapshot[], now = new Date()) {
    for (let i = 0; i < snapshots.length; i += CHUNK) {
      const rows: SnapshotRow[] = snapshots.slice(i, i + CHUNK).map(s => ({
        entity_ref: s.entityRef,
        day,
        score: s.score,
        grade: s.grade,
        weights: JSON.stringify(s.weights),
        created_at: now,
      }));
      await this.db<SnapshotRow>(TABLE)
        .insert(rows)
        .onConflict(['entity_ref', 'day'])
        .ignore();
    }
    const oldest = dayOf(
      Date.parse(`${day}T00:00:00Z`) - DR_TREND_DAYS * DAY_MS,
    );
    await this.db<SnapshotRow>(TABLE).where('day', '<', oldest).delete();
  }

  /** The last `DR_TREND_DAYS` days up to `today`, oldest first. */
  async trend(entityRef: string, today: string): Promise<DrTrendPoint[]> {
    const first = dayOf(
      Date.parse(`${today}T00:00:00Z`) - (DR_TREND_DAYS - 1) * DAY_MS,
    );
    const rows = await this.db<SnapshotRow>(TABLE)
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', first)
      .andWhere('day', '<=', today)
      .orderBy('day', 'asc')
      .select('day', 'score', 'grade');
    return rows.map(row => ({
      day: row.day,
      score: Number(row.score),
      grade: row.grade,
    }));
  }
}
