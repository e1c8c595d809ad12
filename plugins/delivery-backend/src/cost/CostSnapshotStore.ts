import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CostTrendPoint,
  DailySpend,
} from '@internal/backstage-plugin-delivery-common';
import { migratedClient } from '../database/migratedClient';
import { DailySnapshotTable } from '../snapshots/DailySnapshotTable';
import { daySpendOf } from './runRate';

/** Entity refs per `where in`, well under SQLite's bound on bound variables. */
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
    return new CostSnapshotStore(
      new DailySnapshotTable(
        await migratedClient(options.database),
        'delivery_cost_snapshots',
      ),
    );
  }

  private constructor(
    private readonly table: DailySnapshotTable<SnapshotRow>,
  ) {}

  /** Entity refs that already have a snapshot on `day`. */
  entitiesWithSnapshot(day: string): Promise<Set<string>> {
    return this.table.entitiesWithSnapshot(day);
  }

  /** Records the snapshots of `day`; those that exist already are left as they are. */
  write(day: string, snapshots: CostSnapshot[], now = new Date()) {
    return this.table.write(
      day,
      snapshots.map(s => ({
        entity_ref: s.entityRef,
        day,
        monthly_usd: s.monthlyUsd,
        environments: JSON.stringify(s.environments),
        created_at: now,
      })),
    );
  }

  /** The last 90 days up to `today`, oldest first. */
  async trend(entityRef: string, today: string): Promise<CostTrendPoint[]> {
    const rows = await this.table.trend(entityRef, today, ['monthly_usd']);
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
      this.table
        .db<SnapshotRow>(this.table.table)
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
