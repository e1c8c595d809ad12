import { createRequire } from 'node:module';
import type { Knex } from 'knex';

const require = createRequire(import.meta.url);

/** Knex instance configured from knexfile.cjs; fails fast when DATABASE_URL is missing. */
export function createDb(env: NodeJS.ProcessEnv = process.env): Knex {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const knex = require('knex') as typeof import('knex').knex;
  const config = require('../../knexfile.cjs') as Knex.Config;
  return knex(config);
}

/** Inserts the job id; false when it already existed (at-least-once delivery => idempotency). */
export async function markProcessed(db: Knex, jobId: string): Promise<boolean> {
  const inserted = await db('processed_jobs').insert({ job_id: jobId }).onConflict('job_id').ignore().returning('job_id');
  return inserted.length > 0;
}
