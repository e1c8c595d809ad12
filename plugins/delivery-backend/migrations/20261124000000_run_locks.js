// @ts-check

/**
 * Before/after state on each run, and one lock per service and environment: a second
 * action on the same target is refused while the first runs, on every backend replica,
 * because the lock is a primary key in the shared database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_runs', table => {
    table
      .text('before_state')
      .nullable()
      .comment('What the target looked like before the run, as JSON');
    table
      .text('after_state')
      .nullable()
      .comment('What the target looked like after the run, as JSON');
  });
  await knex.schema.createTable('delivery_run_locks', table => {
    table.comment('The running action of each service and environment');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 63).notNullable();
    table.string('run_id', 36).notNullable().comment('delivery_runs.id');
    table.timestamp('acquired_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'environment']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_run_locks');
  await knex.schema.alterTable('delivery_runs', table => {
    table.dropColumn('before_state');
    table.dropColumn('after_state');
  });
};
