import { existsSync } from 'node:fs';
// The app's lint keeps Node's built-ins out of its browser bundle; this runs in Node under
// Playwright (as browse.test.ts does with node:fs), and Node's own SQLite needs no dependency.
// eslint-disable-next-line no-restricted-imports
import { DatabaseSync } from 'node:sqlite';
import { deliveryDatabaseFile } from './databaseDirectory';

/** The delivery plugin's daily cost snapshots (plugins/delivery-backend/migrations). */
const TABLE = 'delivery_cost_snapshots';

const DAY_MS = 86_400_000;

/** How long to wait for the backend to create the database and migrate the table. */
const WAIT_MS = 60_000;

/** How long a write waits for the backend's connection to release a lock. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * A row as the backend's store writes it. `created_at` is in epoch milliseconds, as knex
 * binds a date for better-sqlite3.
 */
interface SnapshotRow {
  entity_ref: string;
  day: string;
  monthly_usd: number;
  environments: string;
  created_at: number;
}

/** The replicas a service ran on one day, by environment. */
export type ReplicasByEnvironment = Record<string, number>;

/** The UTC day of a moment, as the backend keys snapshots: `YYYY-MM-DD`. */
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const cents = (usd: number) => Math.round(usd * 100) / 100;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The delivery database's file, once the backend has created it. */
async function databaseFile(): Promise<string> {
  const file = deliveryDatabaseFile();
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(file)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${file} does not exist: the cost history is seeded into the SQLite files of the portal Playwright starts (playwright.config.ts), not into a portal already running`,
      );
    }
    await sleep(1000);
  }
  return file;
}

/** Waits for the backend's migrations to have created the table. */
async function waitForTable(db: DatabaseSync): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  const table = db.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
  );
  while (!table.get(TABLE)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${TABLE} does not exist after ${
          WAIT_MS / 1000
        } s: the delivery backend creates it when it starts`,
      );
    }
    await sleep(1000);
  }
}

/**
 * Test setup, "given a service with `days` days of cost history": writes the service's
 * daily cost snapshots of the `days` UTC days before today into the e2e portal's delivery
 * database, as the backend writes them (monthly run rate, and by environment as JSON).
 * Today's is left to the backend. Each day's run rate is its replicas, by environment,
 * times `usdPerReplica`; a day that has a row already keeps it. Returns the first and the
 * last seeded day, and today.
 */
export async function seedCostHistory(options: {
  entityRef: string;
  days: number;
  usdPerReplica: number;
  /** The replicas of a day `daysAgo` days before today. */
  replicasOn: (day: Date, daysAgo: number) => ReplicasByEnvironment;
}): Promise<{ firstDay: string; lastDay: string; today: string }> {
  const { entityRef, days, usdPerReplica, replicasOn } = options;
  const db = new DatabaseSync(await databaseFile(), {
    timeout: BUSY_TIMEOUT_MS,
  });
  try {
    await waitForTable(db);
    const now = Date.now();
    const rows: SnapshotRow[] = [];
    for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
      const moment = new Date(now - daysAgo * DAY_MS);
      const environments = Object.fromEntries(
        Object.entries(replicasOn(moment, daysAgo)).map(([name, replicas]) => [
          name,
          cents(replicas * usdPerReplica),
        ]),
      );
      const total = Object.values(environments).reduce((a, b) => a + b, 0);
      rows.push({
        entity_ref: entityRef,
        day: dayOf(moment.getTime()),
        monthly_usd: cents(total),
        environments: JSON.stringify(environments),
        created_at: moment.getTime(),
      });
    }
    const insert = db.prepare(
      `INSERT INTO ${TABLE} (entity_ref, day, monthly_usd, environments, created_at)
       VALUES (:entity_ref, :day, :monthly_usd, :environments, :created_at)
       ON CONFLICT (entity_ref, day) DO NOTHING`,
    );
    db.exec('BEGIN');
    try {
      for (const row of rows) insert.run({ ...row });
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    return {
      firstDay: rows[0].day,
      lastDay: rows[rows.length - 1].day,
      today: dayOf(now),
    };
  } finally {
    db.close();
  }
}
