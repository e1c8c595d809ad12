import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import type { Knex } from 'knex';
import { buildApp } from '../src/app.ts';
import { createDb, dbConfig } from '../src/db.ts';

const require = createRequire(import.meta.url);
const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

/** The CommonJS knex files are plain JavaScript: these are the shapes the tests rely on. */
type KnexFile = Knex.Config & { migrations: Knex.MigratorConfig };
interface Migration {
  up(knex: Knex): Knex.SchemaBuilder;
  down(knex: Knex): Knex.SchemaBuilder;
}
interface Item {
  id: string;
  name: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
}
const loadKnexfile = () => require('../knexfile.cjs') as KnexFile;

test('dbConfig uses the pg client with bounded pool', () => {
  const config = dbConfig('postgres://app:app@localhost:5432/app', { DB_POOL_MAX: '4' });
  assert.equal(config.client, 'pg');
  assert.deepEqual(config.pool, { min: 0, max: 4, idleTimeoutMillis: 30_000 });
  assert.equal(config.acquireConnectionTimeout, 5_000);
});

test('knexfile points at the migrations directory', () => {
  const knexfile = loadKnexfile();
  assert.equal(knexfile.client, 'pg');
  assert.equal(knexfile.migrations.directory, './migrations');
});

test('example migration generates create and drop SQL without a database', () => {
  const migration = require('../migrations/20260101000000_create_items.cjs') as Migration;
  // A knex instance without a connection can still compile SQL.
  const db = knex({ client: 'pg' });
  const up = migration.up(db).toString();
  const down = migration.down(db).toString();
  assert.match(up, /create table "items"/);
  assert.match(up, /gen_random_uuid\(\)/);
  assert.match(down, /drop table if exists "items"/);
});

// Against a real PostgreSQL: CI's verify job provides one (DATABASE_URL); locally see README.
// Each run works in a schema of its own and drops it, so any database will do.
const databaseUrl = process.env.DATABASE_URL;
const skip = databaseUrl ? false : 'needs PostgreSQL: DATABASE_URL is not set';

test('PostgreSQL: migrations apply, roll back and re-apply; /ready checks the database', { skip }, async () => {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const admin = createDb(databaseUrl!);
  const knexfile = loadKnexfile();
  const db = knex({
    ...dbConfig(databaseUrl!),
    searchPath: [schema],
    migrations: { ...knexfile.migrations, directory: migrationsDir, schemaName: schema },
  });
  const app = buildApp({ db });
  try {
    await admin.raw('create schema ??', [schema]);

    await db.migrate.latest();
    assert.equal(await db.schema.withSchema(schema).hasTable('items'), true);
    const [row] = await db<Item>('items').insert({ name: 'first' }).returning(['id', 'created_at']);
    assert.ok(row);
    assert.match(String(row.id), /^[0-9a-f-]{36}$/);
    assert.ok(row.created_at instanceof Date);

    await db.migrate.rollback(undefined, true);
    assert.equal(await db.schema.withSchema(schema).hasTable('items'), false);
    await db.migrate.latest();
    assert.equal(await db.schema.withSchema(schema).hasTable('items'), true);

    const res = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ready', checks: { database: 'ok' } });
  } finally {
    await app.close();
    await db.destroy();
    await admin.raw('drop schema if exists ?? cascade', [schema]);
    await admin.destroy();
  }
});
