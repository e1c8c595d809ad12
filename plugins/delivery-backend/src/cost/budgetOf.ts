import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DeliveryDescriptor,
  MonthlyBudget,
  serviceBudget,
  teamBudget,
} from '@internal/backstage-plugin-delivery-common';

/**
 * The owner team of an entity as `delivery.cost.teamBudgets` keys it (`group:<ns>/<name>`,
 * lowercase); undefined when the owner is not a group (a user) or not a ref at all. A bare
 * owner name is a group in the entity's namespace, as the catalog reads `spec.owner`.
 */
export function ownerTeamOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') return undefined;
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The budget a service is held against: its own (`delivery/monthly-budget`), else its
 * owner team's from config; undefined when neither has one.
 */
export function budgetOf(
  entity: Entity,
  descriptor: Pick<DeliveryDescriptor, 'entityRef' | 'monthlyBudgetUsd'>,
  teamBudgets: Readonly<Record<string, number>>,
): MonthlyBudget | undefined {
  const own = serviceBudget(descriptor);
  if (own || Object.keys(teamBudgets).length === 0) return own;
  const team = ownerTeamOf(entity);
  return team ? teamBudget(team, teamBudgets) : undefined;
}
