/** Idempotency table: one row per job id the worker has handled. */
exports.up = async function up(knex) {
  await knex.schema.createTable('processed_jobs', (table) => {
    table.string('job_id', 255).primary();
    table.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('processed_jobs');
};
