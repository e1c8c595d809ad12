import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CostTrendPoint,
  DailySpend,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { dayOf } from '../dr/DrSnapshotStore';
import { daySpendOf } from './runRate';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend',
  'migrations',
);

const TABLE = 'delivery_cost_snapshots';

/** How many days the trend shows, and how long a snapshot is kept. */
export const COST_TREND_DAYS = 90;

const DAY_MS = 86_400_000;

/** Rows per insert statement, well under SQLite's bound on bound variables. */
const CHUNK = 100;

/** Entity refs per `where in`, for the same reason. */
const REFS_PER_QUERY = 500;

interface SnapshotRow {
  entity_ref: string;
  day: string;
  /** A string from PostgreSQL (decimal), a number from SQLite. */
  monthly_usd: number | string;
  environments: string;
  created_at: Date;
}

/** One service's cost on one day. */
export interface CostSnapshot {
  entityRef: string;
  /** The monthly run rate that day, every environment. */
  monthlyUsd: number;
  /** The same by environment. */
  environments: Record<string, number>;
}

const firstOfMonth = (today: string) => `${today.slice(0, 7)}-01`;

/**
 * The daily cost snapshots (SQLite or PostgreSQL). A day's row is written once: a second
 * write of the same service and day, from this replica or another, is ignored, so the
 * trend and the month's spend show each day as it was first measured.
 */
export class CostSnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<CostSnapshotStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new CostSnapshotStore(client);
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
  async write(day: string, snapshots: CostSnapshot[], now = new Date()) {
    for (let i = 0; i < snapshots.length; i += CHUNK) {
      const rows: SnapshotRow[] = snapshots.slice(i, i + CHUNK).map(s => ({
        entity_ref: s.entityRef,
        day,
        monthly_usd: s.monthlyUsd,
        environments: JSON.stringify(s.environments),
        created_at: now,
      }));
      await this.db<SnapshotRow>(TABLE)
        .insert(rows)
        .onConflict(['entity_ref', 'day'])
        .ignore();
    }
    const oldest = dayOf(
      Date.parse(`${day}T00:00:00Z`) - COST_TREND_DAYS * DAY_MS,
    );
    await this.db<SnapshotRow>(TABLE).where('day', '<', oldest).delete();
  }

  /** The last `COST_TREND_DAYS` days up to `today`, oldest first. */
  async trend(entityRef: string, today: string): Promise<CostTrendPoint[]> {
    const first = dayOf(
      Date.parse(`${today}T00:00:00Z`) - (COST_TREND_DAYS - 1) * DAY_MS,
    );
    const rows = await this.db<SnapshotRow>(TABLE)
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', first)
      .andWhere('day', '<=', today)
      .orderBy('day', 'asc')
      .select('day', 'monthly_usd');
    return rows.map(row => ({
      day: row.day,
      monthlyUsd: Number(row.monthly_usd),
    }));
  }

  /**
   * What each day of `today`'s month before `today` cost, by entity ref: the finished days
   * a month's forecast counts. Every service when `entityRefs` is omitted.
   */
  async monthSpend(
    today: string,
    entityRefs?: string[],
  ): Promise<Map<string, DailySpend[]>> {
    const month = () =>
      this.db<SnapshotRow>(TABLE)
        .where('day', '>=', firstOfMonth(today))
        .andWhere('day', '<', today)
        .select('entity_ref', 'day', 'monthly_usd');
    const rows: Array<Pick<SnapshotRow, 'entity_ref' | 'day' | 'monthly_usd'>> =
      [];
    if (!entityRefs) {
      rows.push(...(await month()));
    } else {
      for (let i = 0; i < entityRefs.length; i += REFS_PER_QUERY) {
        rows.push(
          ...(await month().whereIn(
            'entity_ref',
            entityRefs.slice(i, i + REFS_PER_QUERY),
          )),
        );
      }
    }
    const spend = new Map<string, DailySpend[]>();
    for (const row of rows) {
      const entry = {
        date: row.day,
        usd: daySpendOf(Number(row.monthly_usd)),
      };
      const days = spend.get(row.entity_ref);
      if (days) days.push(entry);
      else spend.set(row.entity_ref, [entry]);
    }
    return spend;
  }
}
