// @ts-check

/**
 * An index for the DORA summary, which reads every service's runs of the window in one
 * query (RunStore.runsSince): by start time, then action.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_runs', table => {
    table.index(['started_at', 'action'], 'delivery_runs_started_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_runs', table => {
    table.dropIndex(['started_at', 'action'], 'delivery_runs_started_idx');
  });
};
