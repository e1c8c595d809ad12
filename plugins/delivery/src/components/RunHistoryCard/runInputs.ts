import { BudgetCheckAnswer } from '@internal/backstage-plugin-delivery-common';

const usd = (value: unknown) =>
  typeof value === 'number' ? `$${value.toFixed(2)}` : '?';

/** What the deploy and scale actions record of the budget gate (`inputs.budgetCheck`). */
interface RecordedBudgetCheck
  extends Partial<Pick<BudgetCheckAnswer, 'monthlyUsd' | 'oneOffUsd'>> {
  budgetUsd?: number;
  budgetOwner?: string;
  forecastUsd?: number;
  forecastAfterUsd?: number;
  overBudget?: boolean;
  overriddenBy?: string;
}

/** The budget check as a sentence: what the action cost, the forecast, and the verdict. */
function describeBudgetCheck(check: RecordedBudgetCheck): string {
  const cost: string[] = [];
  if (check.monthlyUsd) cost.push(`${usd(check.monthlyUsd)}/month`);
  if (check.oneOffUsd) cost.push(`${usd(check.oneOffUsd)} once`);
  const what = cost.length ? cost.join(' and ') : 'nothing measurable';
  if (check.budgetUsd === undefined)
    return `${what}; no budget to hold it against`;
  const verdict = check.overBudget
    ? `over the budget, allowed by ${check.overriddenBy ?? 'an override'}`
    : 'within the budget';
  return `${what}; forecast ${usd(check.forecastUsd)} → ${usd(
    check.forecastAfterUsd,
  )} against ${usd(check.budgetUsd)}: ${verdict}`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value)
      .map(([key, inner]) => `${key} ${describeValue(inner)}`)
      .join(', ');
  return JSON.stringify(value);
}

/** A run's recorded inputs as the lines its detail panel shows: `name: value`. */
export function describeInputs(inputs: Record<string, unknown> | undefined) {
  return Object.entries(inputs ?? {}).map(([key, value]) =>
    key === 'budgetCheck' && value && typeof value === 'object'
      ? {
          key: 'budget',
          text: describeBudgetCheck(value as RecordedBudgetCheck),
        }
      : { key, text: describeValue(value) },
  );
}
