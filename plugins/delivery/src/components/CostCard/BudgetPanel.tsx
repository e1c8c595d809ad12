import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_MONTHLY_BUDGET,
  BudgetAssessment,
} from '@internal/backstage-plugin-delivery-common';
import { Flex, Text } from '@backstage/ui';
import { Figure } from '../Figure';
import { BudgetStatusChip } from './BudgetStatusChip';
import { formatUsd } from './money';

/** Whose budget it is: a service's own is held against the service, a team's against all its services. */
function whose(assessment: BudgetAssessment): string {
  const { scope, owner } = assessment.budget;
  if (scope === 'service') {
    return `The service's own budget (${ANNOTATION_MONTHLY_BUDGET}), held against its spend in every environment.`;
  }
  const team = humanizeEntityRef(parseEntityRef(owner), {
    defaultKind: 'group',
  });
  return `The budget of the team ${team}, held against the spend of all its services.`;
}

/**
 * The month's budget: the amount and whose it is, the spend so far, the forecast for the
 * whole month and the headroom left, with the status in colour. Without a budget, says
 * where one is set.
 */
export function BudgetPanel({ budget }: { budget?: BudgetAssessment }) {
  if (!budget) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        No budget: set {ANNOTATION_MONTHLY_BUDGET} on this component (US dollars
        a month), or give its team one under delivery.cost.teamBudgets.
      </Text>
    );
  }
  const over = budget.headroomUsd < 0;
  return (
    <Flex direction="column" gap="2" aria-label="budget">
      <Flex align="center" gap="2">
        <Text variant="body-medium">{budget.month} (UTC)</Text>
        <BudgetStatusChip status={budget.status} />
      </Flex>
      <Flex gap="5" style={{ flexWrap: 'wrap' }}>
        <Figure label="Budget">{formatUsd(budget.budget.amountUsd)}</Figure>
        <Figure label="Spent so far">{formatUsd(budget.actualUsd)}</Figure>
        <Figure label="Forecast">{formatUsd(budget.forecastUsd)}</Figure>
        <Figure
          label="Headroom"
          note={over ? 'forecast above the budget' : undefined}
        >
          {formatUsd(budget.headroomUsd)}
        </Figure>
      </Flex>
      <Text as="p" variant="body-medium" color="secondary">
        {whose(budget)} Spent so far adds up the daily snapshots of the finished
        days; the forecast adds the current run rate for the rest of the month.
      </Text>
      <Text as="p" variant="body-medium" color={over ? 'danger' : 'secondary'}>
        {over
          ? 'The forecast is over the budget: a deploy or scale-up that adds cost now needs the platform team.'
          : 'A deploy or scale-up that would take the forecast over the budget needs the platform team.'}
      </Text>
    </Flex>
  );
}
