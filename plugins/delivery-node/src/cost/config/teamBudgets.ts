import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { numberAt, objectAt } from './configValues';

/**
 * Reads `delivery.cost.teamBudgets`: a monthly budget in US dollars by group ref, keyed
 * `group:<namespace>/<name>` in lowercase (a bare name is a group in `default`).
 */
export function readTeamBudgets(config: Config): Map<string, number> {
  const budgets = new Map<string, number>();
  const key = 'delivery.cost.teamBudgets';
  for (const [ref, amount] of Object.entries(
    objectAt(config.getOptional(key), key),
  )) {
    const at = `${key}[${JSON.stringify(ref)}]`;
    let group: string;
    try {
      const parsed = parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new Error(`kind ${parsed.kind} is not group`);
      }
      group = stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
    } catch (error) {
      throw new Error(
        `${at} must be a group ref like group:default/payments: ${
          (error as Error).message
        }`,
      );
    }
    const usd = numberAt(amount, at);
    if (usd <= 0) {
      throw new Error(
        `${at} ${usd} must be a monthly budget in US dollars, more than 0`,
      );
    }
    if (budgets.has(group)) {
      throw new Error(`${at}: ${group} is listed twice`);
    }
    budgets.set(group, usd);
  }
  return budgets;
}
