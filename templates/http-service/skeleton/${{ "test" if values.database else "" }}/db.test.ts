import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import knex from 'knex';
import { dbConfig } from '../src/db.ts';

const require = createRequire(import.meta.url);

test('dbConfig uses the pg client with bounded pool', () => {
  const config = dbConfig('postgres://app:app@localhost:5432/app', { DB_POOL_MAX: '4' });
  assert.equal(config.client, 'pg');
  assert.deepEqual(config.pool, { min: 0, max: 4, idleTimeoutMillis: 30_000 });
  assert.equal(config.acquireConnectionTimeout, 5_000);
});

test('knexfile points at the migrations directory', () => {
  const knexfile = require('../knexfile.cjs');
  assert.equal(knexfile.client, 'pg');
  assert.equal(knexfile.migrations.directory, './migrations');
});

test('example migration generates create and drop SQL without a database', () => {
  const migration = require('../migrations/20260101000000_create_items.cjs');
  // A knex instance without a connection can still compile SQL.
  const db = knex({ client: 'pg' });
  const up = migration.up(db).toString();
  const down = migration.down(db).toString();
  assert.match(up, /create table "items"/);
  assert.match(up, /gen_random_uuid\(\)/);
  assert.match(down, /drop table if exists "items"/);
});
