'use strict';

// Example migration. Keep migrations backwards compatible with the version
// currently running (expand/contract): add columns/tables first, deploy the
// code that uses them, and drop old columns only in a later release.

/** @param {import('knex').Knex} knex */
exports.up = function up(knex) {
  return knex.schema.createTable('items', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.string('name', 255).notNullable();
    table.text('description');
    table.timestamps(true, true);
    table.index(['created_at'], 'items_created_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = function down(knex) {
  return knex.schema.dropTableIfExists('items');
};
