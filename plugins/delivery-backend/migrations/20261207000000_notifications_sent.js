// @ts-check

/**
 * What Delivery has notified: one row per event, keyed by a key that names the event
 * (`runFailed:<run id>`, `costOverBudget:<ref>:<YYYY-MM>`, ...). A sender inserts the row
 * before it sends and sends only when its insert won, so a retried request, a second
 * scheduled tick or a second backend replica never notifies the same event twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_notifications_sent', table => {
    table.comment('Delivery events that were notified, one row each');
    table
      .string('dedupe_key', 512)
      .primary()
      .comment('Names the event; a second insert of the same key is refused');
    table
      .string('kind', 32)
      .notNullable()
      .comment('approvalRequested, runFailed, costOverBudget, ...');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the event is about');
    table
      .text('recipients')
      .notNullable()
      .comment('Entity refs notified, as JSON');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'delivery_notifications_sent_entity_idx');
    // The daily clean-up deletes by age.
    table.index(['sent_at'], 'delivery_notifications_sent_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_notifications_sent');
};
