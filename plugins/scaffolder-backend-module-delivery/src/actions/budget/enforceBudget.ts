import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  BudgetCheckAnswer,
  dataOf,
  deliveryBudgetOverridePermission,
  PodChange,
} from '@internal/backstage-plugin-delivery-common';
import { authorizeEntity } from '@internal/backstage-plugin-delivery-node';
import type { DeliveryActionDeps } from '../frame';

/** What the run history keeps of the budget check. */
function recorded(answer: BudgetCheckAnswer, overridden: boolean): JsonObject {
  return {
    budgetCheck: {
      ...(answer.monthlyUsd === undefined
        ? {}
        : { monthlyUsd: answer.monthlyUsd, oneOffUsd: answer.oneOffUsd ?? 0 }),
      ...(answer.budget
        ? {
            budgetUsd: answer.budget.budget.amountUsd,
            budgetOwner: answer.budget.budget.owner,
            forecastUsd: answer.budget.forecastUsd,
          }
        : {}),
      ...(answer.forecastAfterUsd === undefined
        ? {}
        : { forecastAfterUsd: answer.forecastAfterUsd }),
      overBudget: answer.exceeds,
      ...(overridden ? { overriddenBy: 'delivery.budget.override' } : {}),
    },
  };
}

/**
 * The budget gate of the deploy and scale actions, before anything changes: the action's
 * pods are priced by the Delivery backend and held against the month's forecast. Within
 * the budget (or without one) the action goes ahead; over it, only someone holding
 * `delivery.budget.override` (the platform team under the default policy) may go on, and
 * the task log and the run history say so. When the budget cannot be checked at all, the
 * action is treated as over it: a developer is told why, the platform team goes on with a
 * warning. Returns what the run history records.
 */
export async function enforceBudget(
  ctx: ActionContext<any, any>,
  deps: Pick<DeliveryActionDeps, 'delivery' | 'permissions'>,
  request: {
    entityRef: string;
    environment: string;
    action: string;
    changes: PodChange[];
  },
): Promise<JsonObject> {
  const changes = request.changes.filter(c => c.replicas !== 0);
  if (changes.length === 0) {
    ctx.logger.info(`Budget: this ${request.action} starts no pods`);
    return {};
  }
  let answer: BudgetCheckAnswer;
  try {
    answer = dataOf(
      await deps.delivery.request('post', '/cost/budget-check', {
        body: { ...request, changes },
      }),
    );
  } catch (error) {
    answer = {
      exceeds: true,
      explanation: `the budget could not be checked (${
        (error as Error).message
      })`,
    };
  }
  if (!answer.exceeds) {
    ctx.logger.info(`Budget: ${answer.explanation}`);
    return recorded(answer, false);
  }
  await authorizeEntity(deps.permissions, {
    credentials: await ctx.getInitiatorCredentials(),
    permission: deliveryBudgetOverridePermission,
    entityRef: request.entityRef,
    refusal: `budget: ${answer.explanation}. Going over the budget needs the platform team; nothing was changed`,
  });
  ctx.logger.warn(
    `Budget: ${answer.explanation}. Going ahead over the budget: ${
      ctx.user?.ref ?? 'the initiator'
    } holds delivery.budget.override`,
  );
  return recorded(answer, true);
}
