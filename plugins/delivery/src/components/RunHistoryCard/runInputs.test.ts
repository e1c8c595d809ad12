import { describeInputs } from './runInputs';

describe('a run’s inputs as people read them', () => {
  it('says what the budget check found', () => {
    expect(
      describeInputs({
        minReplicas: 4,
        budgetCheck: {
          monthlyUsd: 27.03,
          oneOffUsd: 0,
          budgetUsd: 500,
          budgetOwner: 'component:default/maintenance',
          forecastUsd: 26.66,
          forecastAfterUsd: 53.32,
          overBudget: false,
        },
      }),
    ).toEqual([
      { key: 'minReplicas', text: '4' },
      {
        key: 'budget',
        text: '$27.03/month; forecast $26.66 → $53.32 against $500.00: within the budget',
      },
    ]);
  });

  it('says when the platform team went over the budget, and when there was none', () => {
    expect(
      describeInputs({
        budgetCheck: {
          monthlyUsd: 0,
          oneOffUsd: 0.42,
          budgetUsd: 1,
          forecastUsd: 26.66,
          forecastAfterUsd: 27.08,
          overBudget: true,
          overriddenBy: 'delivery.budget.override',
        },
      })[0].text,
    ).toBe(
      '$0.42 once; forecast $26.66 → $27.08 against $1.00: over the budget, allowed by delivery.budget.override',
    );
    expect(describeInputs({ budgetCheck: { overBudget: false } })[0].text).toBe(
      'nothing measurable; no budget to hold it against',
    );
  });

  it('reads other objects as name-value pairs, not JSON', () => {
    expect(
      describeInputs({
        image: 'api:1.2',
        canary: { weight: 10, pause: '60s' },
      }),
    ).toEqual([
      { key: 'image', text: 'api:1.2' },
      { key: 'canary', text: 'weight 10, pause 60s' },
    ]);
  });
});
