import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DrGrade,
  DrReadiness,
  DrTrendPoint,
} from '@internal/backstage-plugin-delivery-common';
import { migratedClient } from '../database/migratedClient';
import { DailySnapshotTable } from '../snapshots/DailySnapshotTable';

interface SnapshotRow {
  entity_ref: string;
  day: string;
  score: number;
  grade: DrGrade;
  weights: string;
  created_at: Date;
}

/** One service's readiness on one day. */
export type DrReadinessSnapshot = Pick<
  DrReadiness,
  'entityRef' | 'score' | 'grade' | 'weights'
>;

/** The daily DR readiness snapshots (SQLite or PostgreSQL), written once per service and day. */
export class DrSnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DrSnapshotStore> {
    return new DrSnapshotStore(
      new DailySnapshotTable(
        await migratedClient(options.database),
        'delivery_dr_snapshots',
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
  write(day: string, snapshots: DrReadinessSnapshot[], now = new Date()) {
    return this.table.write(
      day,
      snapshots.map(s => ({
        entity_ref: s.entityRef,
        day,
        score: s.score,
        grade: s.grade,
        weights: JSON.stringify(s.weights),
        created_at: now,
      })),
    );
  }

  /** The last 90 days up to `today`, oldest first. */
  async trend(entityRef: string, today: string): Promise<DrTrendPoint[]> {
    const rows = await this.table.trend(entityRef, today, ['score', 'grade']);
    return rows.map(row => ({
      day: row.day,
      score: Number(row.score),
      grade: row.grade,
    }));
  }
}
