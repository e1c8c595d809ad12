import { TestDatabaseId } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * The databases the suite runs against: SQLite always, plus every PostgreSQL for which a
 * connection string is set (scripts/test sets one when a server answers on 127.0.0.1:5432).
 * Without this, TestDatabases would start PostgreSQL through Docker under CI, which these
 * machines do not have.
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const postgres = POSTGRES_IDS.filter(
    id =>
      process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
  return ['SQLITE_3', ...postgres];
}
