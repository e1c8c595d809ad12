import { assessBudget, forecastMonth, MonthlyBudget } from './budget';
import {
  checkActionAgainstBudget,
  costOfChanges,
  unbudgetedAction,
} from './budgetGate';
import { ResourcePrices } from './model';

// $0.04 per vCPU-hour and $0.005 per GiB-hour: a 1 vCPU / 2 GiB pod is $0.05 an hour,
// $36.50 a month (730 h).
const PRICES: ResourcePrices = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0,
  discounts: { spot: 0.6, reserved: 0.4 },
};
const GIB = 2 ** 30;
const onDemand = { ...PRICES, purchase: 'on-demand' as const };
const pricesOf = (cluster: string) =>
  cluster === 'staging-eu' ? onDemand : undefined;
const pod = {
  cluster: 'staging-eu',
  cpuMillicores: 1000,
  memoryBytes: 2 * GIB,
};

/** $730/month runs: $24 a day, $720 over November's 30 days; on the 16th, 15 days are left. */
const NOW = new Date('2026-11-16T12:00:00Z');
function month(amountUsd: number, runRateMonthlyUsd = 730) {
  const budget: MonthlyBudget = {
    scope: 'team',
    owner: 'group:default/payments-team',
    amountUsd,
  };
  // A snapshot for each finished day (1-15 November) at the same run rate.
  const daily = Array.from({ length: 15 }, (_, i) => ({
    date: `2026-11-${String(i + 1).padStart(2, '0')}`,
    usd: (runRateMonthlyUsd * 24) / 730,
  }));
  const forecast = forecastMonth({ now: NOW, daily, runRateMonthlyUsd });
  return { budget, forecast, assessment: assessBudget(budget, forecast) };
}

describe('the cost of an action', () => {
  it('prices pods that stay as a monthly change and pods for a while once', () => {
    expect(costOfChanges([{ ...pod, replicas: 2 }], pricesOf)).toEqual({
      monthlyUsd: 73,
      oneOffUsd: 0,
    });
    // A blue-green deploy: 4 pods of the second colour for 2 hours = 8 pod-hours x $0.05.
    expect(
      costOfChanges([{ ...pod, replicas: 4, hours: 2 }], pricesOf),
    ).toEqual({ monthlyUsd: 0, oneOffUsd: 0.4 });
    // Scaling down saves.
    expect(costOfChanges([{ ...pod, replicas: -3 }], pricesOf)).toEqual({
      monthlyUsd: -109.5,
      oneOffUsd: 0,
    });
  });

  it("applies the cluster's purchase option", () => {
    const spot = { ...PRICES, purchase: 'spot' as const };
    expect(
      costOfChanges([{ ...pod, replicas: 2 }], () => spot).monthlyUsd,
    ).toBe(29.2);
  });

  it('names the field of a change it cannot price', () => {
    expect(() =>
      costOfChanges([{ ...pod, cluster: 'nowhere', replicas: 1 }], pricesOf),
    ).toThrow('changes[0].cluster: nowhere has no prices');
    expect(() =>
      costOfChanges([pod, { ...pod, replicas: 1.5 }] as any, pricesOf),
    ).toThrow(/changes\[0\]\.replicas|changes\[1\]\.replicas/);
    expect(() =>
      costOfChanges([{ ...pod, replicas: 1, cpuMillicores: -5 }], pricesOf),
    ).toThrow('changes[0].cpuMillicores');
  });
});

describe('an action against the budget', () => {
  it('lets an action through that keeps the forecast within the budget', () => {
    // Forecast $720; adding $73/month ($2.40 a day) for the 15 days left adds $36 -> $756.
    const answer = checkActionAgainstBudget({
      action: 'scale',
      budget: month(800),
      cost: { monthlyUsd: 73, oneOffUsd: 0 },
    });
    expect(answer).toMatchObject({ forecastAfterUsd: 756, exceeds: false });
    expect(answer.explanation).toBe(
      'this scale adds $73.00/month: the 2026-11 forecast would be $756.00 (now $720.00) against the budget of group:default/payments-team of $800.00',
    );
  });

  it('stops an action that takes the forecast over the budget', () => {
    const answer = checkActionAgainstBudget({
      action: 'scale',
      budget: month(750),
      cost: { monthlyUsd: 73, oneOffUsd: 0 },
    });
    expect(answer).toMatchObject({
      forecastAfterUsd: 756,
      exceeds: true,
      budget: { status: 'under', forecastUsd: 720 },
    });
  });

  it("adds a deploy's overlap once", () => {
    const answer = checkActionAgainstBudget({
      action: 'deploy',
      budget: month(720.3),
      cost: { monthlyUsd: 0, oneOffUsd: 0.4 },
    });
    expect(answer).toMatchObject({ forecastAfterUsd: 720.4, exceeds: true });
    expect(answer.explanation).toMatch(/^this deploy costs \$0\.40 once:/);
  });

  it('never stops an action that saves, even over budget', () => {
    const answer = checkActionAgainstBudget({
      action: 'scale',
      budget: month(700),
      cost: { monthlyUsd: -109.5, oneOffUsd: 0 },
    });
    expect(answer.exceeds).toBe(false);
    expect(answer.budget?.status).toBe('forecast-over');
    expect(answer.forecastAfterUsd).toBe(666);
  });

  it('has nothing to hold an action against without a budget', () => {
    expect(unbudgetedAction('deploy')).toEqual({
      exceeds: false,
      explanation:
        'this deploy is held against no budget: neither the service nor its team has a monthly budget',
    });
  });
});
