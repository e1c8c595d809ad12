import {
  assessBudget,
  DailySpend,
  forecastMonth,
  forecastWith,
  MonthlyBudget,
  serviceBudget,
  teamBudget,
  wouldExceed,
} from './budget';

// $730 a month is $24.00 a day (730 hours = 30 5/12 days), so day counts read directly.
const RUN_RATE = 730;

/** The same spend on each of the given days of a month. */
const spend = (month: string, days: number[], usd: number): DailySpend[] =>
  days.map(day => ({ date: `${month}-${String(day).padStart(2, '0')}`, usd }));

const budget = (amountUsd: number): MonthlyBudget => ({
  scope: 'service',
  owner: 'component:default/payments',
  amountUsd,
});

describe('budgets', () => {
  it('reads a service budget from the descriptor, or none', () => {
    expect(
      serviceBudget({
        entityRef: 'component:default/payments',
        monthlyBudgetUsd: 1200,
      }),
    ).toEqual({
      scope: 'service',
      owner: 'component:default/payments',
      amountUsd: 1200,
    });
    expect(
      serviceBudget({ entityRef: 'component:default/payments' }),
    ).toBeUndefined();
  });

  it('reads a team budget from config by team ref, naming a bad entry', () => {
    const budgets = { 'group:default/payments': 5000, 'group:default/web': -1 };
    expect(teamBudget('group:default/payments', budgets)).toEqual({
      scope: 'team',
      owner: 'group:default/payments',
      amountUsd: 5000,
    });
    expect(teamBudget('group:default/search', budgets)).toBeUndefined();
    expect(teamBudget('toString', budgets)).toBeUndefined();
    expect(() => teamBudget('group:default/web', budgets)).toThrow(
      'budgets["group:default/web"]: -1 is not an amount',
    );
  });
});

describe('forecastMonth', () => {
  it('adds the run rate for today and the days left to the finished days', () => {
    const forecast = forecastMonth({
      now: new Date('2026-04-10T15:00:00Z'),
      daily: spend('2026-04', [1, 2, 3, 4, 5, 6, 7, 8, 9], 30),
      runRateMonthlyUsd: RUN_RATE,
    });
    // 9 x 30 + 21 days (10th to 30th April) x 24.
    expect(forecast).toEqual({
      month: '2026-04',
      daysInMonth: 30,
      actualUsd: 270,
      actualDays: 9,
      missingDays: 0,
      remainingDays: 21,
      runRateMonthlyUsd: 730,
      runRateDailyUsd: 24,
      forecastUsd: 774,
    });
  });

  it('prices finished days without a snapshot at the run rate', () => {
    const forecast = forecastMonth({
      now: new Date('2026-04-10T15:00:00Z'),
      daily: spend('2026-04', [1, 2, 5, 9], 30),
      runRateMonthlyUsd: RUN_RATE,
    });
    expect(forecast).toMatchObject({
      actualUsd: 120,
      actualDays: 4,
      missingDays: 5,
      remainingDays: 21,
      forecastUsd: 120 + 26 * 24,
    });
  });

  it('adds up several snapshots of one day (environments, or a team’s services)', () => {
    const forecast = forecastMonth({
      now: new Date('2026-04-03T00:00:00Z'),
      daily: [
        ...spend('2026-04', [1, 2], 10),
        ...spend('2026-04', [1, 2], 5.5),
      ],
      runRateMonthlyUsd: RUN_RATE,
    });
    expect(forecast).toMatchObject({
      actualUsd: 31,
      actualDays: 2,
      forecastUsd: 31 + 28 * 24,
    });
  });

  it('ignores snapshots of other months, of today and of later days', () => {
    const forecast = forecastMonth({
      now: new Date('2026-03-02T23:59:59Z'),
      daily: [
        ...spend('2026-02', [27, 28], 1000),
        ...spend('2026-03', [1], 20),
        ...spend('2026-03', [2, 3], 1000),
        ...spend('2027-03', [1], 1000),
      ],
      runRateMonthlyUsd: RUN_RATE,
    });
    expect(forecast).toMatchObject({
      month: '2026-03',
      daysInMonth: 31,
      actualUsd: 20,
      actualDays: 1,
      remainingDays: 30,
      forecastUsd: 20 + 30 * 24,
    });
  });

  it.each([
    ['2026-02-01T00:00:00Z', '2026-02', 28, 28],
    ['2026-02-28T23:59:59.999Z', '2026-02', 28, 1],
    ['2028-02-15T12:00:00Z', '2028-02', 29, 15],
    ['2100-02-15T12:00:00Z', '2100-02', 28, 14],
    ['2026-03-01T00:00:00Z', '2026-03', 31, 31],
    ['2026-04-30T12:00:00Z', '2026-04', 30, 1],
    ['2026-12-31T23:59:59Z', '2026-12', 31, 1],
    // 23:30 on 31 March at UTC-2 is already 1 April in UTC.
    ['2026-03-31T23:30:00-02:00', '2026-04', 30, 30],
  ])(
    'counts the UTC month of %s as %s, %i days, %i left',
    (now, month, length, left) => {
      const forecast = forecastMonth({
        now: new Date(now),
        daily: [],
        runRateMonthlyUsd: RUN_RATE,
      });
      expect([
        forecast.month,
        forecast.daysInMonth,
        forecast.remainingDays,
        forecast.missingDays,
      ]).toEqual([month, length, left, length - left]);
      expect(forecast.forecastUsd).toBe(length * 24);
    },
  );

  it.each([
    [{ daily: [{ date: '2026-02-29', usd: 1 }] }, 'daily[0].date'],
    [{ daily: [{ date: '2026-4-1', usd: 1 }] }, 'daily[0].date'],
    [
      {
        daily: [
          { date: '2026-04-01', usd: 1 },
          { date: '2026-04-02', usd: -3 },
        ],
      },
      'daily[1].usd',
    ],
    [{ runRateMonthlyUsd: Infinity }, 'runRateMonthlyUsd'],
    [{ now: new Date('not a time') }, 'now'],
  ])('names the bad field (%#)', (change, field) => {
    expect(() =>
      forecastMonth({
        now: new Date('2026-04-10T00:00:00Z'),
        daily: [],
        runRateMonthlyUsd: RUN_RATE,
        ...change,
      }),
    ).toThrow(expect.objectContaining({ name: 'InputError', field }));
  });

  it('accepts 29 February in a leap year', () => {
    const forecast = forecastMonth({
      now: new Date('2028-03-01T08:00:00Z'),
      daily: spend('2028-02', [29], 50),
      runRateMonthlyUsd: RUN_RATE,
    });
    expect(forecast.actualUsd).toBe(0);
  });
});

describe('assessBudget', () => {
  // 10 finished days at $30 = $300 spent; forecast 300 + 21 x 24 = $804.
  const forecast = forecastMonth({
    now: new Date('2026-01-11T10:00:00Z'),
    daily: spend('2026-01', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 30),
    runRateMonthlyUsd: RUN_RATE,
  });

  it('is under while the forecast stays within the budget, at it included', () => {
    expect(forecast.forecastUsd).toBe(804);
    expect(assessBudget(budget(1000), forecast)).toEqual({
      status: 'under',
      budget: budget(1000),
      month: '2026-01',
      actualUsd: 300,
      forecastUsd: 804,
      headroomUsd: 196,
    });
    expect(assessBudget(budget(804), forecast).status).toBe('under');
  });

  it('is forecast-over when only the forecast passes the budget', () => {
    expect(assessBudget(budget(803.99), forecast)).toMatchObject({
      status: 'forecast-over',
      headroomUsd: -0.01,
    });
    expect(assessBudget(budget(300), forecast).status).toBe('forecast-over');
  });

  it('is over once the spend so far passes the budget', () => {
    expect(assessBudget(budget(299.99), forecast)).toMatchObject({
      status: 'over',
      actualUsd: 300,
      headroomUsd: -504.01,
    });
    expect(assessBudget(budget(0), forecast).status).toBe('over');
  });
});

describe('wouldExceed', () => {
  // 20 days left in April, today included; forecast 10 x 24 + 20 x 24 = 720.
  const forecast = forecastMonth({
    now: new Date('2026-04-11T06:00:00Z'),
    daily: spend('2026-04', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 24),
    runRateMonthlyUsd: RUN_RATE,
  });

  it('applies the extra monthly cost to the days left', () => {
    expect(forecast.forecastUsd).toBe(720);
    expect(forecast.remainingDays).toBe(20);
    // 73 a month is 2.40 a day, for 20 days.
    expect(forecastWith(forecast, 73)).toBe(768);
    expect(forecastWith(forecast, -36.5)).toBe(696);
  });

  it('needs the platform team only for an action that takes the forecast over', () => {
    expect(wouldExceed(budget(800), forecast, 73)).toBe(false);
    expect(wouldExceed(budget(768), forecast, 73)).toBe(false);
    expect(wouldExceed(budget(767.99), forecast, 73)).toBe(true);
  });

  it('lets a saving or a no-op through even when the forecast is over already', () => {
    expect(wouldExceed(budget(500), forecast, -36.5)).toBe(false);
    expect(wouldExceed(budget(500), forecast, 0)).toBe(false);
    expect(wouldExceed(budget(500), forecast, 0.01)).toBe(true);
  });

  it('refuses an extra cost that is not a number', () => {
    expect(() => wouldExceed(budget(500), forecast, NaN)).toThrow(
      expect.objectContaining({ field: 'additionalMonthlyCostUsd' }),
    );
  });
});
