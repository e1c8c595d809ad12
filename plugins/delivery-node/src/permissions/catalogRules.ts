import { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
  PermissionRule,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';

const CATALOG_PLUGIN = 'catalog';
const CATALOG_ENTITY = 'catalog-entity';

/**
 * The catalog's own rules (isEntityOwner, hasAnnotation, ...), the implementations the
 * catalog applies when the permission backend asks it, so a decision here matches the
 * catalog's. Rules adopters add through the catalog's permission extension point are not
 * among them: see {@link appliesLocally}.
 */
const catalogRules = new Map<string, PermissionRule<Entity, unknown, string>>(
  Object.values(permissionRules).map(rule => [
    rule.name,
    rule as PermissionRule<Entity, unknown, string>,
  ]),
);

const catalogRuleset: PermissionRuleset<Entity> = {
  getRuleByName(name) {
    const rule = catalogRules.get(name);
    if (!rule) throw new Error(`Unknown catalog permission rule ${name}`);
    return rule;
  },
};

const authorize = createConditionAuthorizer(catalogRuleset);

/** What of an entity the catalog's rules read: its kind, metadata, spec and relations. @public */
export const CATALOG_RULE_FIELDS = ['kind', 'metadata', 'spec', 'relations'];

function namesOnlyCatalogRules(
  criteria: PermissionCriteria<PermissionCondition>,
): boolean {
  if (isAndCriteria(criteria))
    return criteria.allOf.every(namesOnlyCatalogRules);
  if (isOrCriteria(criteria))
    return criteria.anyOf.every(namesOnlyCatalogRules);
  if (isNotCriteria(criteria)) return namesOnlyCatalogRules(criteria.not);
  return (
    criteria.resourceType === CATALOG_ENTITY && catalogRules.has(criteria.rule)
  );
}

/**
 * Whether this process can apply the decision's conditions to an entity itself: they are
 * the catalog's, on catalog entities, and name only the catalog's built-in rules.
 */
export function appliesLocally(decision: ConditionalPolicyDecision): boolean {
  return (
    decision.pluginId === CATALOG_PLUGIN &&
    decision.resourceType === CATALOG_ENTITY &&
    namesOnlyCatalogRules(decision.conditions)
  );
}

/**
 * Whether the entity meets the decision's conditions, by the catalog's rules. The entity
 * needs {@link CATALOG_RULE_FIELDS}; only for decisions that {@link appliesLocally}.
 * @public
 */
export function meetsConditions(
  decision: ConditionalPolicyDecision,
  entity: Entity,
): boolean {
  return authorize(decision, entity);
}
