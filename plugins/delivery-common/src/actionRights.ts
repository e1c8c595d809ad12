import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';

/**
 * The owners of a service as people call them: a group in the default namespace by its name
 * (`messaging-team`), anything else by its kind-less ref (`ops/messaging-team`, `user:bob`).
 * From the catalog's ownedBy relations, or `spec.owner` before the catalog has processed the
 * entity.
 * @public
 */
export function ownerNamesOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_OWNED_BY)
    .map(relation => relation.targetRef);
  const owner = entity.spec?.owner;
  const declared = typeof owner === 'string' ? [owner] : [];
  const refs = related.length > 0 ? related : declared;
  return refs.map(ref => {
    try {
      const { kind, namespace, name } = parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      const local = namespace === 'default' ? name : `${namespace}/${name}`;
      return kind.toLocaleLowerCase('en-US') === 'group'
        ? local
        : `${kind.toLocaleLowerCase('en-US')}:${local}`;
    } catch {
      return ref;
    }
  });
}

/** Run history names whose verb is spelled differently in a sentence. */
const VERBS: Record<string, string> = {
  rollback: 'roll back',
  failover: 'fail over',
  'dispatch-workflow': 'dispatch the workflow of',
};

/**
 * An action's run history name (deploy, rollback, failover, ...) as the verb of a sentence.
 * @public
 */
export function actionVerb(action: string): string {
  return VERBS[action] ?? action;
}

/** "a", "a and b", "a, b and c". */
function listed(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * What a user is told when they may not run an action on a service in an environment, under
 * the default Delivery policy: the portal shows it beside the disabled button and the action
 * refuses with it on the server, so both say the same ("Only messaging-team and the platform
 * team may deploy messaging-api in staging").
 * @public
 */
export function actionRefusal(options: {
  /** What the user wanted to do, as a verb: deploy, roll back, scale, fail over, ... */
  verb: string;
  entity: Entity;
  environment: { name: string; production: boolean };
  /** A DR drill, switchover or failover: the platform team's in every environment. */
  failover?: boolean;
}): string {
  const { verb, entity, environment } = options;
  const name = entity.metadata.name;
  if (options.failover)
    return `Only the platform team may ${verb} ${name}: DR drills, switchovers and failovers are theirs`;
  if (environment.production)
    // An environment called something else than production says why it is the platform team's.
    return `Only the platform team may ${verb} ${name} in ${environment.name}${
      /prod/i.test(environment.name) ? '' : ', a production environment'
    }`;
  const owners = ownerNamesOf(entity);
  return owners.length > 0
    ? `Only ${listed([
        ...owners,
        'the platform team',
      ])} may ${verb} ${name} in ${environment.name}`
    : `Only the platform team may ${verb} ${name} in ${environment.name}: it has no owner in the catalog`;
}
