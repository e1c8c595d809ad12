import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_MONTHLY_BUDGET,
  BudgetAssessment,
} from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { BudgetStatusChip } from './BudgetStatusChip';
import { formatUsd } from './money';

function Figure(props: { label: string; value: string; note?: string }) {
  const { label, value, note } = props;
  return (
    <Box mr={3} mb={1} aria-label={label}>
      <Typography variant="overline" display="block">
        {label}
      </Typography>
      <Typography variant="h6" component="span">
        {value}
      </Typography>
      {note && (
        <Typography variant="caption" color="textSecondary" display="block">
          {note}
        </Typography>
      )}
    </Box>
  );
}

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
      <Typography variant="body2" color="textSecondary">
        No budget: set {ANNOTATION_MONTHLY_BUDGET} on this component (US dollars
        a month), or give its team one under delivery.cost.teamBudgets.
      </Typography>
    );
  }
  const over = budget.headroomUsd < 0;
  return (
    <Box aria-label="budget">
      <Box display="flex" alignItems="center" mb={1}>
        <Typography variant="body2" style={{ marginRight: 8 }}>
          {budget.month} (UTC)
        </Typography>
        <BudgetStatusChip status={budget.status} />
      </Box>
      <Box display="flex" flexWrap="wrap">
        <Figure label="Budget" value={formatUsd(budget.budget.amountUsd)} />
        <Figure label="Spent so far" value={formatUsd(budget.actualUsd)} />
        <Figure label="Forecast" value={formatUsd(budget.forecastUsd)} />
        <Figure
          label="Headroom"
          value={formatUsd(budget.headroomUsd)}
          note={over ? 'forecast above the budget' : undefined}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {whose(budget)} Spent so far adds up the daily snapshots of the finished
        days; the forecast adds the current run rate for the rest of the month.
      </Typography>
      <Typography variant="body2" color={over ? 'error' : 'textSecondary'}>
        {over
          ? 'The forecast is over the budget: a deploy or scale-up that adds cost now needs the platform team.'
          : 'A deploy or scale-up that would take the forecast over the budget needs the platform team.'}
      </Typography>
    </Box>
  );
}
