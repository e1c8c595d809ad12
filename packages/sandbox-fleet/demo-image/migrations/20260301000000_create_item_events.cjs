// A second, additive release: a new table, safe while the previous version runs.
exports.up = knex =>
  knex.schema.createTable('item_events', table => {
    table.bigIncrements('id');
    table.uuid('item_id').notNullable();
    table.string('kind', 40).notNullable();
    table.timestamp('at').notNullable().defaultTo(knex.fn.now());
    table.index(['item_id', 'at']);
  });

exports.down = knex => knex.schema.dropTable('item_events');
