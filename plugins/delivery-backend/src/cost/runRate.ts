import {
  CostAnswer,
  CostClusterLine,
  HOURS_PER_MONTH,
} from '@internal/backstage-plugin-delivery-common';

const cents = (value: number) => Math.round(value * 100) / 100;
const sum = (values: number[]) =>
  cents(values.reduce((total, value) => total + value, 0));

/**
 * What one cluster line costs a month as it runs now: what the cost source measured when it
 * measured the service there, else the estimate at current replicas. Measured spend counts
 * what the formula leaves out (idle share, network, GPUs), so where it exists it is the
 * better figure of what is being spent.
 */
export function lineRunRate(line: CostClusterLine): number {
  return line.measured?.total ?? line.estimate.current.total;
}

/** One cluster's run rate, and the environment it serves. */
export interface ClusterRunRate {
  environment: string;
  monthlyUsd: number;
}

/** The run rates of a service's lines. */
export function runRatesOf(lines: CostClusterLine[]): ClusterRunRate[] {
  return lines.map(line => ({
    environment: line.environment,
    monthlyUsd: lineRunRate(line),
  }));
}

/** A service's monthly run rate: its clusters' run rates summed. */
export function totalRunRate(rates: ClusterRunRate[]): number {
  return sum(rates.map(rate => rate.monthlyUsd));
}

/** The run rate by environment (primary and DR clusters together), for the snapshot. */
export function runRateByEnvironment(
  rates: ClusterRunRate[],
): Record<string, number> {
  const byEnvironment: Record<string, number[]> = {};
  for (const rate of rates) {
    (byEnvironment[rate.environment] ??= []).push(rate.monthlyUsd);
  }
  return Object.fromEntries(
    Object.entries(byEnvironment).map(([name, usd]) => [name, sum(usd)]),
  );
}

/**
 * A day's spend, as the budget forecast counts the snapshot of that day: the monthly run
 * rate the snapshot recorded, for 24 of the month's 730 hours. A snapshot is taken once a
 * day, so a scale change during the day counts from the next day's snapshot on; see
 * docs/cost.md ("Where the numbers come from in the portal").
 */
export function daySpendOf(monthlyUsd: number): number {
  return (monthlyUsd * 24) / HOURS_PER_MONTH;
}

/** The answer's totals: every line's estimate summed, and what was measured. */
export function totalsOf(
  lines: CostClusterLine[],
): Pick<CostAnswer, 'monthly' | 'measuredMonthly'> {
  const measured = lines.flatMap(line =>
    line.measured ? [line.measured.total] : [],
  );
  return {
    monthly: {
      current: sum(lines.map(line => line.estimate.current.total)),
      atMin: sum(lines.map(line => line.estimate.atMin.total)),
      atMax: sum(lines.map(line => line.estimate.atMax.total)),
    },
    measuredMonthly: measured.length ? sum(measured) : undefined,
  };
}
