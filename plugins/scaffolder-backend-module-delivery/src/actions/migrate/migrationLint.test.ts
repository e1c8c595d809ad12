import { judgeMigrations, lintMigration } from './migrationLint';

const rulesOf = (source: string) =>
  lintMigration('20260101_x.js', source).map(f => `${f.line}:${f.rule}`);

describe('migration safety lint', () => {
  it('passes a new table with its indexes', () => {
    expect(
      rulesOf(`exports.up = knex =>
  knex.schema.createTable('orders', t => {
    t.uuid('id').primary();
    t.string('status').notNullable().defaultTo('new');
    t.timestamp('created_at').defaultTo(knex.fn.now());
    t.index(['status']);
  });`),
    ).toEqual([]);
  });

  it.each([
    [
      "await knex.raw('CREATE INDEX orders_status ON orders (status)');",
      'index-not-concurrent',
    ],
    [
      "knex.schema.alterTable('orders', t => {\n  t.index(['status']);\n});",
      'index-not-concurrent',
    ],
    [
      "knex.schema.alterTable('orders', t => {\n  t.timestamp('seen_at').defaultTo(knex.fn.now());\n});",
      'volatile-default',
    ],
    [
      "knex.schema.alterTable('orders', t => {\n  t.renameColumn('state', 'status');\n});",
      'rename-column',
    ],
    [
      "knex.schema.alterTable('orders', t => {\n  t.dropColumn('legacy');\n});",
      'drop-column',
    ],
    ["knex.schema.dropTable('orders');", 'drop-table'],
    [
      "knex.schema.alterTable('orders', t => {\n  t.string('status').notNullable().alter();\n});",
      'not-null-existing',
    ],
    [
      "await knex.raw('ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)');",
      'type-change',
    ],
    [
      "await knex.raw('ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0)');",
      'constraint-without-not-valid',
    ],
  ])('flags %j as %s', (source, rule) => {
    expect(rulesOf(source).map(r => r.split(':')[1])).toContain(rule);
  });

  it('accepts the safe forms of the same changes', () => {
    expect(
      rulesOf(`exports.config = { transaction: false };
exports.up = async knex => {
  await knex.raw('CREATE INDEX CONCURRENTLY orders_status ON orders (status)');
  await knex.raw('ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID');
};`),
    ).toEqual([]);
  });

  it('flags a backfill inside the transaction of a schema change, on its line', () => {
    expect(
      rulesOf(`exports.up = async knex => {
  await knex.schema.alterTable('orders', t => {
    t.string('region');
  });
  await knex('orders').update({ region: 'eu' });
};`),
    ).toEqual(['5:backfill-in-ddl-transaction']);
  });

  it('lints what up does, not the down that undoes it, keeping line numbers', () => {
    const cjs = `exports.up = knex => knex.schema.createTable('tenants', t => t.increments('id'));
exports.down = knex => knex.schema.dropTable('tenants');
`;
    expect(rulesOf(cjs)).toEqual([]);
    const esm = `export async function down(knex) {
  await knex.schema.dropTable('leases');
}
export async function up(knex) {
  await knex.schema.alterTable('tenants', t => {
    t.dropColumn('name');
  });
}
`;
    expect(rulesOf(esm)).toEqual(['6:drop-column']);
  });

  it('blocks unless overridden with a written reason', () => {
    const files = [{ file: 'a.js', source: "knex.schema.dropTable('old');" }];
    expect(judgeMigrations(files).blocked).toBe(true);
    expect(judgeMigrations(files, { reason: 'ok' }).blocked).toBe(true);
    expect(
      judgeMigrations(files, {
        reason: 'old is empty since 2026-10, checked by the payments team',
      }).blocked,
    ).toBe(false);
    expect(judgeMigrations([{ file: 'b.js', source: '' }]).blocked).toBe(false);
  });
});
