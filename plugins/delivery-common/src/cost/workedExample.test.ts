/**
 * The worked example of docs/cost.md, number for number: if this fails, the document is
 * wrong or the formula changed; fix whichever is wrong, never only one of them.
 */
import {
  assessBudget,
  forecastMonth,
  forecastWith,
  serviceBudget,
  wouldExceed,
} from './budget';
import { estimateEnvironmentCost, EnvironmentCostInput } from './estimate';
import type { ResourcePrices } from './model';
import { deploymentFromQuantities } from './quantityInput';

const stagingPrices: ResourcePrices = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0.1,
  discounts: { spot: 0.7, reserved: 0.4 },
};
const productionPrices: ResourcePrices = {
  vcpuHour: 0.05,
  gibHour: 0.005,
  storageGibMonth: 0.12,
  discounts: { spot: 0.65, reserved: 0.4 },
};

const payments = (apiReplicas: number) => [
  deploymentFromQuantities({
    name: 'payments-api',
    cpuRequest: '500m',
    memoryRequest: '1Gi',
    replicas: apiReplicas,
    hpaMin: 2,
    hpaMax: 6,
  }),
  deploymentFromQuantities({
    name: 'payments-worker',
    cpuRequest: '250m',
    memoryRequest: '512Mi',
    replicas: 2,
  }),
];

const staging: EnvironmentCostInput = {
  deployments: payments(3),
  storageGib: 20,
};
const production: EnvironmentCostInput = {
  deployments: payments(4),
  storageGib: 20,
  purchase: 'reserved',
};

const money = (
  cpu: number,
  memory: number,
  storage: number,
  total: number,
) => ({
  cpu,
  memory,
  storage,
  total,
});

describe('docs/cost.md worked example', () => {
  it('prices staging on demand', () => {
    const estimate = estimateEnvironmentCost(staging, stagingPrices);

    const [api, worker] = estimate.deployments;
    expect(api.replicas).toEqual({ current: 3, min: 2, max: 6 });
    expect(api.current).toEqual(money(43.8, 10.95, 0, 54.75));
    expect(api.atMin).toEqual(money(29.2, 7.3, 0, 36.5));
    expect(api.atMax).toEqual(money(87.6, 21.9, 0, 109.5));
    expect(worker.replicas).toEqual({ current: 2, min: 2, max: 2 });
    expect(worker.current).toEqual(money(14.6, 3.65, 0, 18.25));
    expect(worker.atMax).toEqual(worker.current);
    expect(estimate.storage).toEqual(money(0, 0, 2, 2));

    expect(estimate.current).toEqual(money(58.4, 14.6, 2, 75));
    expect(estimate.atMin).toEqual(money(43.8, 10.95, 2, 56.75));
    expect(estimate.atMax).toEqual(money(102.2, 25.55, 2, 129.75));
  });

  it('prices production reserved, 40 % off compute but not storage', () => {
    const estimate = estimateEnvironmentCost(production, productionPrices);

    const [api, worker] = estimate.deployments;
    expect(api.purchase).toBe('reserved');
    expect(api.current).toEqual(money(43.8, 8.76, 0, 52.56));
    expect(api.atMin).toEqual(money(21.9, 4.38, 0, 26.28));
    expect(api.atMax).toEqual(money(65.7, 13.14, 0, 78.84));
    expect(worker.current).toEqual(money(10.95, 2.19, 0, 13.14));
    expect(estimate.storage).toEqual(money(0, 0, 2.4, 2.4));

    expect(estimate.current).toEqual(money(54.75, 10.95, 2.4, 68.1));
    expect(estimate.atMin).toEqual(money(32.85, 6.57, 2.4, 41.82));
    expect(estimate.atMax).toEqual(money(76.65, 15.33, 2.4, 94.38));
  });

  it('forecasts February 2026 against the $150 budget', () => {
    const budget = serviceBudget({
      entityRef: 'component:default/payments',
      monthlyBudgetUsd: 150,
    })!;
    // Snapshots for 1-10 February, none for the 4th: staging $2.40, production $2.20.
    const daily = [1, 2, 3, 5, 6, 7, 8, 9, 10].flatMap(day => {
      const date = `2026-02-${String(day).padStart(2, '0')}`;
      return [
        { date, usd: 2.4 },
        { date, usd: 2.2 },
      ];
    });
    const forecast = forecastMonth({
      now: new Date('2026-02-11T09:30:00Z'),
      daily,
      runRateMonthlyUsd: 75 + 68.1,
    });

    expect(forecast).toEqual({
      month: '2026-02',
      daysInMonth: 28,
      actualUsd: 41.4,
      actualDays: 9,
      missingDays: 1,
      remainingDays: 18,
      runRateMonthlyUsd: 143.1,
      runRateDailyUsd: 4.7,
      forecastUsd: 130.79,
    });
    expect(assessBudget(budget, forecast)).toMatchObject({
      status: 'under',
      headroomUsd: 19.21,
    });

    // Production's api to its HPA maximum: 94.38 - 68.10 = 26.28 a month more, on the 19
    // days priced at the run rate (the 4th, which has no snapshot, and 11-28 February).
    expect(forecastWith(forecast, 26.28)).toBe(147.2);
    expect(wouldExceed(budget, forecast, 26.28)).toBe(false);
    // It is the forecast the card shows once the api runs at its maximum.
    expect(forecastWith(forecast, 26.28)).toBe(
      forecastMonth({
        now: new Date('2026-02-11T09:30:00Z'),
        daily,
        runRateMonthlyUsd: 75 + 68.1 + 26.28,
      }).forecastUsd,
    );
    // Staging's api to its maximum as well: 129.75 - 75.00 = 54.75 more.
    expect(forecastWith(forecast, 26.28 + 54.75)).toBe(181.4);
    expect(wouldExceed(budget, forecast, 26.28 + 54.75)).toBe(true);

    const withBudget = (amountUsd: number) =>
      assessBudget({ ...budget, amountUsd }, forecast).status;
    expect(withBudget(125)).toBe('forecast-over');
    expect(withBudget(40)).toBe('over');
  });
});
