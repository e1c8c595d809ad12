import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the e2e portal's backend keeps its SQLite files, shared by the runner and workers. */
const DIRECTORY_VARIABLE = 'DELIVERY_E2E_DATABASE_DIR';

/**
 * A new temporary directory per run for the e2e portal's databases, so a journey can seed
 * a database the backend reads and no run sees another's rows. Playwright loads its config
 * in the runner and again in every worker; the workers inherit the runner's environment,
 * so they all get the directory the runner created.
 */
export function e2eDatabaseDirectory(): string {
  const directory =
    process.env[DIRECTORY_VARIABLE] ??
    mkdtempSync(join(tmpdir(), 'delivery-e2e-db-'));
  process.env[DIRECTORY_VARIABLE] = directory;
  return directory;
}

/**
 * The delivery plugin's SQLite file: with `connection.directory`, Backstage gives each
 * plugin its own `<pluginId>.sqlite` there.
 */
export function deliveryDatabaseFile(): string {
  return join(e2eDatabaseDirectory(), 'delivery.sqlite');
}
