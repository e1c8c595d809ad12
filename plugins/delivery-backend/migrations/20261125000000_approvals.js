// @ts-check

/**
 * Approval requests: a production switchover or failover waits until a second member of
 * the platform team approves it in the portal. The row is the shared truth every backend
 * replica decides against, so two approvers at once cannot both decide.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_approvals', table => {
    table.comment('Approval requests of production failovers, one row each');
    table
      .string('id', 36)
      .primary()
      .comment('UUID chosen by the failover task, so asking again is safe');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the failover acts on');
    table.string('environment', 63).notNullable().comment('Target environment');
    table
      .string('mode', 16)
      .notNullable()
      .comment('drill, switchover or failover');
    table
      .string('task_id', 64)
      .nullable()
      .comment('Scaffolder task that waits for the decision');
    table
      .string('requested_by', 255)
      .notNullable()
      .comment('User entity ref of the requester');
    table
      .text('reason')
      .notNullable()
      .comment('Why, as the requester wrote it');
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved, rejected or expired');
    table
      .string('decided_by', 255)
      .nullable()
      .comment('User entity ref of the approver or rejecter');
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.index(['entity_ref', 'status'], 'delivery_approvals_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_approvals');
};
