// @ts-check

/**
 * The daily DR readiness snapshot: one row per service and day (UTC), so the DR card can
 * draw the score's trend. The key is (entity_ref, day), so every backend replica may try
 * to write a day's row and only the first one counts.
 *
 * Also an index for the DR drill query, which reads every service's latest ended failover
 * run in one go (RunStore.latestEndedRuns) each time the overview is rebuilt.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_dr_snapshots', table => {
    table.comment('DR readiness of each service, one row per service and day');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the readiness is of');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.integer('score').notNullable().comment('0-100');
    table
      .string('grade', 16)
      .notNullable()
      .comment('not-ready, at-risk or ready');
    table
      .text('weights')
      .notNullable()
      .comment('Weights by check status ({ pass, fail, unknown }) as JSON');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'delivery_dr_snapshots_day_idx');
  });
  await knex.schema.alterTable('delivery_runs', table => {
    table.index(
      ['action', 'entity_ref', 'finished_at'],
      'delivery_runs_action_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_runs', table => {
    table.dropIndex(
      ['action', 'entity_ref', 'finished_at'],
      'delivery_runs_action_idx',
    );
  });
  await knex.schema.dropTable('delivery_dr_snapshots');
};
