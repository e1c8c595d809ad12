import knex from 'knex';
import type { Knex } from 'knex';

export interface PoolOptions {
  min?: number;
  max?: number;
}

/**
 * Knex configuration for PostgreSQL. Pool bounds are small on purpose:
 * (replicas x max) must stay below the database's max_connections, put
 * PgBouncer in front when scaling out.
 */
export function dbConfig(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): Knex.Config {
  return {
    client: 'pg',
    connection: {
      connectionString: databaseUrl,
      application_name: '${{ values.name }}',
      // Abort queries that run away instead of piling up connections.
      statement_timeout: Number(env.DB_STATEMENT_TIMEOUT_MS ?? 10_000),
    },
    pool: {
      min: Number(env.DB_POOL_MIN ?? 0),
      max: Number(env.DB_POOL_MAX ?? 10),
      idleTimeoutMillis: 30_000,
    },
    acquireConnectionTimeout: 5_000,
  };
}

export function createDb(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): Knex {
  return knex(dbConfig(databaseUrl, env));
}
