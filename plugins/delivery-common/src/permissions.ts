import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of catalog entities, spelled out rather than imported so this
 * isomorphic package does not depend on the catalog's alpha entry point.
 */
const CATALOG_ENTITY = 'catalog-entity';

/**
 * Read an entity's delivery facts (rollout, cost, DR readiness, run history).
 * @public
 */
export const deliveryEntityReadPermission = createPermission({
  name: 'delivery.entity.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Run a delivery action (deploy, promote, abort, rollback, migrate) against a
 * non-production environment of an entity.
 * @public
 */
export const deliveryActionRunPermission = createPermission({
  name: 'delivery.action.run',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Run a delivery action against a production environment of an entity.
 * @public
 */
export const deliveryProductionActionRunPermission = createPermission({
  name: 'delivery.action.production.run',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Start a DR drill, switchover or failover for an entity.
 * @public
 */
export const deliveryFailoverRunPermission = createPermission({
  name: 'delivery.failover.run',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Approve a production failover that another member of the platform team started.
 * @public
 */
export const deliveryFailoverApprovePermission = createPermission({
  name: 'delivery.failover.approve',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Run a deploy or scale action that would take the month's cost forecast over the service's
 * or its team's budget.
 * @public
 */
export const deliveryBudgetOverridePermission = createPermission({
  name: 'delivery.budget.override',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Go ahead with an action that a preflight check refused (a rollout in progress, a freeze
 * window, the promotion gate), giving a written reason that the run history keeps.
 * @public
 */
export const deliveryPreflightOverridePermission = createPermission({
  name: 'delivery.preflight.override',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Permissions that only the platform team holds under the default Delivery policy.
 * @public
 */
export const deliveryPlatformOnlyPermissions = [
  deliveryProductionActionRunPermission,
  deliveryFailoverRunPermission,
  deliveryFailoverApprovePermission,
  deliveryBudgetOverridePermission,
  deliveryPreflightOverridePermission,
];

/** Every permission the Delivery plugins define. @public */
export const deliveryPermissions = [
  deliveryEntityReadPermission,
  deliveryActionRunPermission,
  ...deliveryPlatformOnlyPermissions,
];
