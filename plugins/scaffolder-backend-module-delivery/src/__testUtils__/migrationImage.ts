import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A service image for the sandbox fleet's local-image runtime: the golden path's image
 * contract (knexfile.cjs, migrations/, node_modules/knex in the working directory), with
 * the repository's own node_modules standing in for the image's. The knexfile reads the
 * database from the Secret the migration Job mounts (DB_CLIENT and DATABASE_URL or
 * DATABASE_FILE), so the same image migrates PostgreSQL or SQLite.
 */
export function buildMigrationImage(): {
  dir: string;
  setMigrations(files: Record<string, string>): void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-image-'));
  const nodeModules = path.resolve(
    path.dirname(require.resolve('knex/package.json')),
    '..',
  );
  fs.symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(
    path.join(dir, 'knexfile.cjs'),
    `'use strict';
module.exports = {
  client: process.env.DB_CLIENT,
  connection:
    process.env.DB_CLIENT === 'pg'
      ? { connectionString: process.env.DATABASE_URL }
      : { filename: process.env.DATABASE_FILE },
  useNullAsDefault: true,
  pool: { min: 0, max: 2 },
  migrations: { directory: './migrations', extension: 'cjs', loadExtensions: ['.cjs'] },
};
`,
  );
  const migrations = path.join(dir, 'migrations');
  return {
    dir,
    setMigrations(files) {
      fs.rmSync(migrations, { recursive: true, force: true });
      fs.mkdirSync(migrations);
      for (const [file, source] of Object.entries(files))
        fs.writeFileSync(path.join(migrations, file), source);
    },
  };
}

/** A fresh database per test, and what the service's Secret says to reach it. */
export interface TestDatabase {
  secret: Record<string, string>;
  knex: Knex;
}

let counter = 0;

export async function freshDatabase(
  client: 'sqlite' | 'postgres',
  postgresUrl?: string,
): Promise<TestDatabase> {
  counter += 1;
  if (client === 'sqlite') {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-db-')),
      'service.sqlite',
    );
    return {
      secret: { DB_CLIENT: 'better-sqlite3', DATABASE_FILE: file },
      knex: knexFactory({
        client: 'better-sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      }),
    };
  }
  const name = `delivery_migrate_${process.pid}_${counter}`;
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return {
    secret: { DB_CLIENT: 'pg', DATABASE_URL: url.toString() },
    knex: knexFactory({ client: 'pg', connection: url.toString() }),
  };
}

/** The migrations knex has recorded as applied, by name. */
export async function appliedMigrations(knex: Knex): Promise<string[]> {
  if (!(await knex.schema.hasTable('knex_migrations'))) return [];
  const rows = await knex('knex_migrations').select('name').orderBy('id');
  return rows.map(r => r.name);
}
