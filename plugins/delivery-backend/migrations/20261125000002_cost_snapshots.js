// @ts-check

/**
 * The daily cost snapshot: one row per service and day (UTC) with what the service's
 * capacity cost a month that day, so the Cost card can draw the trend and the budget
 * forecast knows what the month's finished days cost (a day's spend is the monthly run rate
 * x 24 / 730; docs/cost.md). The key is (entity_ref, day), so every backend replica may try
 * to write a day's row and only the first one counts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_cost_snapshots', table => {
    table.comment('Monthly cost run rate of each service, one row per day');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the cost is of');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .decimal('monthly_usd', 14, 2)
      .notNullable()
      .comment('Monthly run rate that day, US dollars, every environment');
    table
      .text('environments')
      .notNullable()
      .comment('Monthly run rate by environment ({ [name]: usd }) as JSON');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'delivery_cost_snapshots_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_cost_snapshots');
};
