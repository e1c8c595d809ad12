// As the http-service golden path starts: one table with its index.
exports.up = knex =>
  knex.schema.createTable('items', table => {
    table.uuid('id').primary();
    table.string('name', 200).notNullable();
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    table.index(['created_at']);
  });

exports.down = knex => knex.schema.dropTable('items');
