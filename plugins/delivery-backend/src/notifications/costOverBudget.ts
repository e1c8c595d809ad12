import { BudgetAssessment } from '@internal/backstage-plugin-delivery-common';
import { DeliveryNotification } from './DeliveryNotification';
import {
  deliveryTabLink,
  DELIVERY_OVERVIEW_LINK,
  nameOf,
} from './deliveryLinks';
import { DELIVERY_TOPICS } from './topics';

const usd = (amount: number) =>
  `$${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

/**
 * The month's cost forecast is over a budget: to whoever holds the budget (a service's
 * owners, or the team of a team budget), once per budget and month. Undefined while the
 * forecast is within the budget.
 */
export function costOverBudget(
  assessment: BudgetAssessment,
  owners: string[],
): DeliveryNotification | undefined {
  if (assessment.status === 'under') return undefined;
  const { budget, month } = assessment;
  const whose =
    budget.scope === 'service'
      ? nameOf(budget.owner)
      : `${nameOf(budget.owner)}'s services`;
  return {
    kind: 'costOverBudget',
    dedupeKey: `costOverBudget:${budget.owner}:${month}`,
    entityRef: budget.owner,
    recipients: owners,
    payload: {
      title: `The ${month} cost forecast of ${whose} is over the budget`,
      description: `Forecast ${usd(assessment.forecastUsd)} against a ${
        budget.scope
      } budget of ${usd(budget.amountUsd)} (${usd(
        assessment.actualUsd,
      )} spent so far${
        assessment.status === 'over' ? ', already over the budget' : ''
      }). Right-sizing on the Cost card shows what could be saved.`,
      link:
        budget.scope === 'service'
          ? deliveryTabLink(budget.owner)
          : DELIVERY_OVERVIEW_LINK,
      severity: assessment.status === 'over' ? 'high' : 'normal',
      topic: DELIVERY_TOPICS.cost,
    },
  };
}
