import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the e2e portal's backend keeps its SQLite files, shared by the runner and workers. */
const DIRECTORY_VARIABLE = 'DELIVERY_E2E_DATABASE_DIR';

const PREFIX = 'delivery-e2e-db-';
const DAY_MS = 86_400_000;

/**
 * Earlier runs' directories (a few MB each), once they are a day old: the portal that used
 * one has long stopped, and a run never reuses another's.
 */
function removeOldDirectories() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > DAY_MS)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}

/**
 * A new temporary directory per run for the e2e portal's databases, so a journey can seed
 * a database the backend reads and no run sees another's rows. Playwright loads its config
 * in the runner and again in every worker; the workers inherit the runner's environment,
 * so they all get the directory the runner created.
 */
export function e2eDatabaseDirectory(): string {
  const known = process.env[DIRECTORY_VARIABLE];
  if (known) return known;
  removeOldDirectories();
  const directory = mkdtempSync(join(tmpdir(), PREFIX));
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
