/**
 * Monthly budgets and the forecast they are held against. A budget belongs to a service
 * (the `delivery/monthly-budget` annotation) or a team (config); the forecast of a calendar
 * month (UTC) is what the daily snapshots say was spent so far plus the current run rate
 * for the days they do not cover. Formula: docs/cost.md.
 */
import type { DeliveryDescriptor } from '../descriptor';
import { CostInputError } from './errors';
import { HOURS_PER_MONTH } from './model';
import { daysInMonth, monthKey, parseUtcDay, utcDayOf } from './utcMonth';
import { requireAmount } from './validate';

/** A monthly budget in US dollars and whose it is. @public */
export interface MonthlyBudget {
  scope: 'service' | 'team';
  /** The service's or the team's entity ref. */
  owner: string;
  amountUsd: number;
}

/** The service's own budget, from its annotation; undefined when it declares none. @public */
export function serviceBudget(
  descriptor: Pick<DeliveryDescriptor, 'entityRef' | 'monthlyBudgetUsd'>,
): MonthlyBudget | undefined {
  return descriptor.monthlyBudgetUsd === undefined
    ? undefined
    : {
        scope: 'service',
        owner: descriptor.entityRef,
        amountUsd: descriptor.monthlyBudgetUsd,
      };
}

/**
 * A team's budget from the configured amounts by team entity ref; undefined when the team
 * has none. Throws a {@link CostInputError} naming the team's entry when it is not an amount.
 * @public
 */
export function teamBudget(
  team: string,
  budgets: Readonly<Record<string, number>>,
): MonthlyBudget | undefined {
  if (!Object.hasOwn(budgets, team)) return undefined;
  return {
    scope: 'team',
    owner: team,
    amountUsd: requireAmount(budgets[team], `budgets["${team}"]`),
  };
}

/**
 * What one UTC day cost, from the daily snapshots. Several entries for one day (one per
 * environment, or per service of a team) are added up.
 * @public
 */
export interface DailySpend {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  usd: number;
}

/** The forecast of the month `now` falls in. @public */
export interface MonthForecast {
  /** `2026-02`. */
  month: string;
  daysInMonth: number;
  /** Spend of the finished days of the month that have a snapshot. */
  actualUsd: number;
  actualDays: number;
  /** Finished days of the month without a snapshot, priced at the run rate. */
  missingDays: number;
  /** Today to the end of the month, priced at the run rate. */
  remainingDays: number;
  /** The monthly cost of what runs now (730 hours), and the same per day. */
  runRateMonthlyUsd: number;
  runRateDailyUsd: number;
  forecastUsd: number;
}

const cents = (value: number) => Math.round(value * 100) / 100;
const HOURS_PER_DAY = 24;

/** A monthly cost (730 hours) as the cost of one day. */
function perDay(monthlyUsd: number): number {
  return (monthlyUsd * HOURS_PER_DAY) / HOURS_PER_MONTH;
}

/**
 * Forecasts the calendar month (UTC) that `now` falls in: the spend of its finished days
 * that have a snapshot, plus the run rate for every other day of the month (finished days
 * without a snapshot, today and the days left). Today counts as left: its snapshot is only
 * written once it is over. Snapshots of other months, and of today or later, are ignored.
 * Throws a {@link CostInputError} naming the first bad field.
 * @public
 */
export function forecastMonth(input: {
  now: Date;
  daily: readonly DailySpend[];
  /** What runs now costs a month: the sum of the current estimates, or a measured rate. */
  runRateMonthlyUsd: number;
}): MonthForecast {
  const today = utcDayOf(input.now);
  const runRateMonthlyUsd = requireAmount(
    input.runRateMonthlyUsd,
    'runRateMonthlyUsd',
  );
  const length = daysInMonth(today.year, today.month);

  const spentByDay = new Map<number, number>();
  input.daily.forEach((entry, index) => {
    const day = parseUtcDay(entry.date, `daily[${index}].date`);
    const usd = requireAmount(entry.usd, `daily[${index}].usd`);
    if (
      day.year !== today.year ||
      day.month !== today.month ||
      day.day >= today.day
    )
      return;
    spentByDay.set(day.day, (spentByDay.get(day.day) ?? 0) + usd);
  });

  const actual = [...spentByDay.values()].reduce((sum, usd) => sum + usd, 0);
  const actualDays = spentByDay.size;
  const missingDays = today.day - 1 - actualDays;
  const remainingDays = length - today.day + 1;
  const daily = perDay(runRateMonthlyUsd);

  return {
    month: monthKey(today),
    daysInMonth: length,
    actualUsd: cents(actual),
    actualDays,
    missingDays,
    remainingDays,
    runRateMonthlyUsd,
    runRateDailyUsd: cents(daily),
    forecastUsd: cents(actual + daily * (missingDays + remainingDays)),
  };
}

/** @public */
export type BudgetStatus = 'under' | 'forecast-over' | 'over';

/** A budget held against a forecast, with the numbers the card shows. @public */
export interface BudgetAssessment {
  status: BudgetStatus;
  budget: MonthlyBudget;
  month: string;
  actualUsd: number;
  forecastUsd: number;
  /** Budget minus forecast: negative when the forecast is over. */
  headroomUsd: number;
}

/**
 * `over` once the month's actual spend exceeds the budget, `forecast-over` when only the
 * forecast does, `under` otherwise (spending exactly the budget is not over it).
 * @public
 */
export function assessBudget(
  budget: MonthlyBudget,
  forecast: MonthForecast,
): BudgetAssessment {
  const amount = requireAmount(budget.amountUsd, 'budget.amountUsd');
  let status: BudgetStatus = 'under';
  if (forecast.actualUsd > amount) status = 'over';
  else if (forecast.forecastUsd > amount) status = 'forecast-over';
  return {
    status,
    budget,
    month: forecast.month,
    actualUsd: forecast.actualUsd,
    forecastUsd: forecast.forecastUsd,
    headroomUsd: cents(amount - forecast.forecastUsd),
  };
}

/**
 * The month's forecast if the monthly cost changed by `additionalMonthlyCostUsd` now (a
 * scale action; negative for a saving), plus `oneOffUsd` spent once (a deploy's overlap):
 * the forecast {@link forecastMonth} will give once the change runs, since it prices every
 * day without a snapshot (finished days it has none for, today and the days left) at the
 * run rate. So what the budget gate holds is what the Cost card shows right after.
 * @public
 */
export function forecastWith(
  forecast: MonthForecast,
  additionalMonthlyCostUsd: number,
  oneOffUsd = 0,
): number {
  for (const [field, value] of [
    ['additionalMonthlyCostUsd', additionalMonthlyCostUsd],
    ['oneOffUsd', oneOffUsd],
  ] as const) {
    if (!Number.isFinite(value))
      throw new CostInputError(field, `${value} is not an amount`);
  }
  return cents(
    forecast.actualUsd +
      perDay(forecast.runRateMonthlyUsd + additionalMonthlyCostUsd) *
        (forecast.missingDays + forecast.remainingDays) +
      oneOffUsd,
  );
}

/**
 * Whether an action adding `additionalMonthlyCostUsd` to the monthly cost (and `oneOffUsd`
 * once) would take the month's forecast over the budget, so that it needs the platform
 * team. An action that adds nothing, or saves, never does, even when the forecast is over
 * already: it makes nothing worse.
 * @public
 */
export function wouldExceed(
  budget: MonthlyBudget,
  forecast: MonthForecast,
  additionalMonthlyCostUsd: number,
  oneOffUsd = 0,
): boolean {
  const amount = requireAmount(budget.amountUsd, 'budget.amountUsd');
  const after = forecastWith(forecast, additionalMonthlyCostUsd, oneOffUsd);
  return (additionalMonthlyCostUsd > 0 || oneOffUsd > 0) && after > amount;
}
