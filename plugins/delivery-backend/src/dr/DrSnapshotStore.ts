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

/** Refs per query: well under SQLite's bound on bound variables. */
const REFS_PER_QUERY = 500;

/** A service's grade recorded on a day, and the one recorded before it, where they differ. */
export interface DrRecordedGradeChange {
  entityRef: string;
  day: string;
  score: number;
  from: DrGrade;
  to: DrGrade;
}

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

  /**
   * The services among `entityRefs` whose grade recorded on `day` differs from their latest
   * one before it (the day before, or older when the backend was down), as recorded: a
   * replica that lost the race to write the day compares what the winner wrote.
   */
  async gradeChanges(
    day: string,
    entityRefs: string[],
  ): Promise<DrRecordedGradeChange[]> {
    const { db, table } = this.table;
    const changes: DrRecordedGradeChange[] = [];
    for (let i = 0; i < entityRefs.length; i += REFS_PER_QUERY) {
      const ranked = db(table)
        .select(
          'entity_ref',
          'day',
          'score',
          'grade',
          db.raw(
            'row_number() over (partition by entity_ref order by day desc) as position',
          ),
        )
        .whereIn('entity_ref', entityRefs.slice(i, i + REFS_PER_QUERY))
        .andWhere('day', '<=', day);
      const rows: Array<
        Pick<SnapshotRow, 'entity_ref' | 'day' | 'score' | 'grade'>
      > = await db
        .select('entity_ref', 'day', 'score', 'grade')
        .from(ranked.as('ranked'))
        .where('position', '<=', 2)
        .orderBy([{ column: 'entity_ref' }, { column: 'day', order: 'desc' }]);
      for (let r = 0; r < rows.length; r++) {
        const latest = rows[r];
        const previous = rows[r + 1];
        if (latest.day !== day) continue;
        if (!previous || previous.entity_ref !== latest.entity_ref) continue;
        if (previous.grade !== latest.grade)
          changes.push({
            entityRef: latest.entity_ref,
            day,
            score: Number(latest.score),
            from: previous.grade,
            to: latest.grade,
          });
      }
    }
    return changes;
  }
}
