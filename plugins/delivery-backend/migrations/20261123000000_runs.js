// @ts-check

/**
 * The run store: one row per delivery action run (deploy, promote, rollback, migrate,
 * failover), so the entity page can show who did what, where, and how it ended.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_runs', table => {
    table.comment('Delivery action runs, one row per run');
    table.string('id', 36).primary().comment('UUID of the run');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the run acted on');
    table.string('environment', 63).notNullable().comment('Target environment');
    table.string('action', 63).notNullable().comment('Action id, e.g. deploy');
    table
      .string('status', 16)
      .notNullable()
      .comment('running, succeeded, failed or aborted');
    table.string('initiated_by', 255).notNullable().comment('User entity ref');
    table
      .string('task_id', 64)
      .nullable()
      .comment('Scaffolder task id, when run as a task');
    table
      .text('inputs')
      .notNullable()
      .comment('Inputs as JSON, secrets removed');
    table
      .text('summary')
      .nullable()
      .comment('One-line outcome shown in the history');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['entity_ref', 'started_at'], 'delivery_runs_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_runs');
};
