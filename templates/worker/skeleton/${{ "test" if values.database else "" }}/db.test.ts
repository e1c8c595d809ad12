import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import type { Knex } from 'knex';
import { createDb, markProcessed } from '../src/db/db.ts';

const require = createRequire(import.meta.url);
const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

/** The CommonJS knex files are plain JavaScript: these are the shapes the tests rely on. */
type KnexFile = Knex.Config & { migrations: Knex.MigratorConfig };
/** The part of knex the migration uses; the SQL test passes a recorder of this shape. */
interface MigrationKnex {
  fn: Knex.FunctionHelper;
  schema: {
    createTable(name: string, build: (table: Knex.CreateTableBuilder) => void): unknown;
    dropTableIfExists(name: string): unknown;
  };
}
interface Migration {
  up(knex: MigrationKnex): Promise<void>;
  down(knex: MigrationKnex): Promise<void>;
}
const loadKnexfile = () => require('../knexfile.cjs') as KnexFile;

describe('database', () => {
  it('knexfile points at the migrations directory', () => {
    const knexfile = loadKnexfile();
    assert.equal(knexfile.client, 'pg');
    assert.equal(knexfile.migrations.directory, './migrations');
  });

  it('createDb fails fast without DATABASE_URL', () => {
    assert.throws(() => createDb({}), /DATABASE_URL is required/);
  });

  it('the migration generates create and drop SQL without a database', async () => {
    const migration = require('../migrations/20250101000000_create_processed_jobs.cjs') as Migration;
    // Record the SQL instead of running it: knex without a connection still compiles it.
    const db = knex({ client: 'pg' });
    const sql: string[] = [];
    const recorder: MigrationKnex = {
      fn: db.fn,
      schema: {
        createTable: (name: string, build: (table: Knex.CreateTableBuilder) => void) =>
          void sql.push(db.schema.createTable(name, build).toString()),
        dropTableIfExists: (name: string) => void sql.push(db.schema.dropTableIfExists(name).toString()),
      },
    };
    await migration.up(recorder);
    await migration.down(recorder);
    assert.match(sql[0] ?? '', /create table "processed_jobs"/);
    assert.match(sql[1] ?? '', /drop table if exists "processed_jobs"/);
  });

  // Against a real PostgreSQL: CI's verify job provides one (DATABASE_URL); locally see README.
  // Each run works in a schema of its own and drops it, so any database will do.
  const databaseUrl = process.env.DATABASE_URL;
  const skip = databaseUrl ? false : 'needs PostgreSQL: DATABASE_URL is not set';

  it('PostgreSQL: migrations apply, roll back and re-apply; markProcessed is idempotent', { skip }, async () => {
    const schema = `test_${randomUUID().replaceAll('-', '')}`;
    const knexfile = loadKnexfile();
    const admin = knex({ client: 'pg', connection: databaseUrl });
    const db = knex({
      ...knexfile,
      connection: { connectionString: databaseUrl },
      searchPath: [schema],
      migrations: { ...knexfile.migrations, directory: migrationsDir, schemaName: schema },
    });
    try {
      await admin.raw('create schema ??', [schema]);
      await db.migrate.latest();
      await db.migrate.rollback(undefined, true);
      assert.equal(await db.schema.withSchema(schema).hasTable('processed_jobs'), false);
      await db.migrate.latest();

      assert.equal(await markProcessed(db, 'job-1'), true);
      assert.equal(await markProcessed(db, 'job-1'), false, 'a redelivered job is a duplicate');
      assert.equal(await markProcessed(db, 'job-2'), true);
    } finally {
      await db.destroy();
      await admin.raw('drop schema if exists ?? cascade', [schema]);
      await admin.destroy();
    }
  });
});
