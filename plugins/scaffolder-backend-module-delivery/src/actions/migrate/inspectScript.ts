/**
 * What a service's database says about its knex migrations, read by a short Job in the
 * service's own image (the golden path's image contract: knexfile and migrations in the
 * working directory, knex in node_modules) with the migration Job's environment. Nothing
 * of the database's credentials leaves the cluster: the Job prints only the file names,
 * the pending files' source (for the safety lint) and the lock's state.
 */
export interface MigrationReport {
  applied: string[];
  pending: Array<{ file: string; source: string }>;
  /** knex's own lock row: `held` means `is_locked = 1` in `<table>_lock`. */
  lock: 'free' | 'held';
}

export const REPORT_MARKER = 'delivery-migration-report ';

/**
 * Run as `node -e SCRIPT <knexfile>`; CommonJS, so it runs on any Node the image has.
 * knex.migrate.list() is knex's own reading of both lists (it may create knex's two
 * bookkeeping tables on a database that has never been migrated, as `knex migrate:list`
 * does).
 */
export const INSPECT_SCRIPT = `
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const file = path.resolve(process.argv[1] || 'knexfile.cjs');
let config = require(file);
config = config.default || config;
const env = process.env.NODE_ENV || 'development';
if (!config.client && config[env]) config = config[env];
const knex = require(require.resolve('knex', { paths: [process.cwd()] }))(config);
const migrations = config.migrations || {};
const lockTable = (migrations.tableName || 'knex_migrations') + '_lock';
const nameOf = m => (typeof m === 'string' ? m : m.name || m.file);
(async () => {
  const [done, todo] = await knex.migrate.list();
  const schema = migrations.schemaName ? knex.schema.withSchema(migrations.schemaName) : knex.schema;
  const table = migrations.schemaName ? knex(lockTable).withSchema(migrations.schemaName) : knex(lockTable);
  const rows = (await schema.hasTable(lockTable)) ? await table.select('is_locked') : [];
  const report = {
    applied: done.map(nameOf),
    pending: todo.map(m => ({
      file: nameOf(m),
      source: m.directory ? fs.readFileSync(path.join(m.directory, m.file), 'utf8') : '',
    })),
    lock: rows.some(r => Number(r.is_locked) === 1) ? 'held' : 'free',
  };
  console.log(${JSON.stringify(REPORT_MARKER)} + JSON.stringify(report));
})()
  .catch(error => {
    console.error('cannot read the migration state: ' + error.message);
    process.exitCode = 1;
  })
  .finally(() => knex.destroy());
`;

/** The report in an inspect Job's log, or undefined when it printed none. */
export function parseReport(log: string): MigrationReport | undefined {
  const line = log
    .split('\n')
    .reverse()
    .find(l => l.includes(REPORT_MARKER));
  if (!line) return undefined;
  const report = JSON.parse(
    line.slice(line.indexOf(REPORT_MARKER) + REPORT_MARKER.length),
  );
  return {
    applied: (report.applied ?? []).map(String),
    pending: (report.pending ?? []).map((p: any) => ({
      file: String(p.file),
      source: String(p.source ?? ''),
    })),
    lock: report.lock === 'held' ? 'held' : 'free',
  };
}

/** The file and error of a failed `knex migrate:latest`, from its output. */
export function knexFailure(log: string): { file?: string; error?: string } {
  const file = /migration file "([^"]+)" failed/.exec(log)?.[1];
  const error = /migration failed with error: (.+)/.exec(log)?.[1]?.trim();
  return { file, error };
}
