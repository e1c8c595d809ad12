import { CostPricesAnswer } from '@internal/backstage-plugin-delivery-common';
import { goldenPathEstimate } from './goldenPathEstimate';

/**
 * Staging on demand at $0.04/vCPU-h and $0.005/GiB-h; production reserved (40 % off) at
 * $0.05 and $0.005 (docs/cost.md's worked example); its DR cluster on demand at $0.05 and
 * $0.005.
 */
const answer: CostPricesAnswer = {
  source: 'configured',
  environments: [
    {
      environment: 'staging',
      cluster: 'stage-1',
      role: 'primary',
      prices: {
        vcpuHour: 0.04,
        gibHour: 0.005,
        storageGibMonth: 0.1,
        discounts: { spot: 0.7, reserved: 0.4 },
      },
      purchase: 'on-demand',
    },
    {
      environment: 'production',
      cluster: 'prod-east',
      role: 'primary',
      prices: {
        vcpuHour: 0.05,
        gibHour: 0.005,
        storageGibMonth: 0.12,
        discounts: { spot: 0.65, reserved: 0.4 },
      },
      purchase: 'reserved',
    },
    {
      environment: 'production',
      cluster: 'dr-west',
      role: 'dr',
      prices: {
        vcpuHour: 0.05,
        gibHour: 0.005,
        storageGibMonth: 0.12,
        discounts: { spot: 0.65, reserved: 0.4 },
      },
      purchase: 'on-demand',
    },
  ],
};

const form = (overrides: Record<string, unknown> = {}) => ({
  name: 'payments',
  tier: 'standard',
  strategy: 'rolling',
  environments: ['staging', 'production'],
  cpuRequest: '500m',
  memoryRequest: '1Gi',
  hpaMin: 2,
  hpaMax: 6,
  ...overrides,
});

/** Environment -> [at minimum, at maximum] in dollars, and the total. */
function dollars(
  overrides: Record<string, unknown> = {},
): Record<string, Array<number | undefined>> {
  const estimate = goldenPathEstimate(form(overrides), answer);
  if (estimate.kind !== 'estimate') throw new Error(estimate.message);
  return {
    ...Object.fromEntries(
      estimate.rows.map(row => [
        row.environment,
        [row.priced?.atMin.total, row.priced?.atMax.total],
      ]),
    ),
    total: [estimate.total.atMin.total, estimate.total.atMax.total],
  };
}

describe('goldenPathEstimate', () => {
  it('prices each environment at the HPA bounds its overlay renders', () => {
    // A pod in staging: 0.5 × 0.04 × 730 + 1 × 0.005 × 730 = 18.25; staging runs 1 to
    // half the maximum (3). In production 13.14 a pod after the reserved 40 %, 2 to 6.
    expect(dollars()).toEqual({
      staging: [18.25, 54.75],
      production: [26.28, 78.84],
      total: [44.53, 133.59],
    });
  });

  it('follows the HPA maximum', () => {
    expect(dollars({ hpaMax: 8 })).toEqual({
      staging: [18.25, 73],
      production: [26.28, 105.12],
      total: [44.53, 178.12],
    });
  });

  it('prices both colours of a blue-green service', () => {
    expect(dollars({ strategy: 'blue-green' })).toEqual({
      staging: [36.5, 109.5],
      production: [52.56, 157.68],
      total: [89.06, 267.18],
    });
  });

  it('adds the canary pod outside the DR region', () => {
    expect(dollars({ strategy: 'canary' })).toEqual({
      staging: [36.5, 73],
      production: [39.42, 91.98],
      total: [75.92, 164.98],
    });
  });

  it("keeps a critical service warm in DR at the DR cluster's prices, and nothing else", () => {
    // 0.5 × 0.05 × 730 + 1 × 0.005 × 730 = 21.90 a pod on demand, 1 to 6.
    expect(
      dollars({ tier: 'critical', drRegion: 'us-west-2' })['production (DR)'],
    ).toEqual([21.9, 131.4]);
    expect(
      dollars({ tier: 'standard', drRegion: 'us-west-2' })['production (DR)'],
    ).toEqual([0, 0]);
  });

  it('leaves out an environment without prices and says the total is partial', () => {
    const estimate = goldenPathEstimate(form(), {
      ...answer,
      environments: answer.environments.filter(
        e => e.environment !== 'staging',
      ),
    });
    expect(estimate).toMatchObject({
      kind: 'estimate',
      complete: false,
      total: { atMin: { total: 26.28 }, atMax: { total: 78.84 } },
    });
    const rows = estimate.kind === 'estimate' ? estimate.rows : [];
    expect(rows.map(row => [row.environment, Boolean(row.priced)])).toEqual([
      ['staging', false],
      ['production', true],
    ]);
  });

  it.each([
    [{ cpuRequest: 'lots' }, 'cpuRequest', /^cpuRequest: "lots" is not a CPU/],
    [
      { memoryRequest: '512MB' },
      'memoryRequest',
      /^memoryRequest: "512MB" is not a memory quantity/,
    ],
    [{ hpaMin: 5, hpaMax: 3 }, 'hpaMin', /^hpaMin: must not exceed hpaMax/],
    [{ hpaMax: undefined }, 'hpaMax', /^hpaMax: is empty/],
    [{ hpaMin: 1.5 }, 'hpaMin', /^hpaMin: 1.5 is not a replica count/],
    [{ strategy: 'big-bang' }, 'strategy', /^strategy: "big-bang" is not/],
  ])('answers %j with a message naming %s', (overrides, field, message) => {
    const estimate = goldenPathEstimate(form(overrides), answer);
    expect(estimate).toEqual({
      kind: 'problem',
      field,
      message: expect.stringMatching(message),
    });
  });
});
