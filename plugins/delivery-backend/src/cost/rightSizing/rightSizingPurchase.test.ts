import { recommendRightSizing } from './recommendRightSizing';
import type { RightSizingWorkload, UsageSummary } from './rightSizingTypes';

const MI = 2 ** 20;
const GI = 2 ** 30;
const prices = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0,
  discounts: { spot: 0.7, reserved: 0.4 },
};

/** A week of usage the 500m / 1Gi requests already fit: right-sizing changes nothing. */
const steadyWeek: UsageSummary = {
  windowStart: '2026-11-16T00:00:00Z',
  windowEnd: '2026-11-23T00:00:00Z',
  sampleCount: 2688,
  cpuMillicores: { p50: 380, p95: 420, max: 470 },
  memoryBytes: { p95: 850 * MI, max: 900 * MI },
};
const burstyWeek: UsageSummary = {
  ...steadyWeek,
  cpuMillicores: { p50: 200, p95: 420, max: 470 },
};

/** A production service on demand, 4 replicas at $73.00 a month. */
function workload(
  overrides: Partial<RightSizingWorkload>,
): RightSizingWorkload {
  return {
    namespace: 'payments',
    name: 'payments-api',
    requests: { cpuMillicores: 500, memoryBytes: GI },
    replicas: 4,
    tier: 'standard',
    type: 'service',
    environment: { name: 'production', production: true },
    prices,
    purchase: 'on-demand',
    usage: steadyWeek,
    ...overrides,
  };
}

const run = (w: RightSizingWorkload) =>
  recommendRightSizing({ workloads: [w] });

describe('purchase suggestions', () => {
  it('suggests reserved capacity for a steady, always-on production service', () => {
    const report = run(workload({}));

    expect(report.deployments[0].status).toBe('right-sized');
    expect(report.purchases).toEqual([
      {
        namespace: 'payments',
        name: 'payments-api',
        from: 'on-demand',
        to: 'reserved',
        monthlyCostBefore: 73,
        monthlyCostAfter: 43.8,
        monthlySaving: 29.2,
        reason:
          'Steady production workload (4 replicas throughout and CPU p95 1.1× the median over 7 days, always on): reserved capacity at 40 % off: $73.00 → $43.80 a month, saving $29.20.',
      },
    ]);
    expect(report.totalMonthlySaving).toBe(29.2);
  });

  it('suggests spot for a worker, even a steady one, since spot is the larger discount', () => {
    const [suggestion] = run(workload({ type: 'worker' })).purchases;

    expect(suggestion.to).toBe('spot');
    expect(suggestion.monthlySaving).toBe(51.1);
    expect(suggestion.reason).toBe(
      'Interruptible (a worker): spot capacity at 70 % off: $73.00 → $21.90 a month, saving $51.10.',
    );
  });

  it('suggests spot outside production and for the experimental tier', () => {
    const staging = run(
      workload({
        environment: { name: 'staging', production: false },
        usage: burstyWeek,
      }),
    ).purchases[0];
    const experimental = run(
      workload({ tier: 'experimental', usage: burstyWeek }),
    ).purchases[0];

    expect(staging.reason).toBe(
      'Interruptible (runs in staging, not production): spot capacity at 70 % off: $73.00 → $21.90 a month, saving $51.10.',
    );
    expect(experimental.reason).toBe(
      'Interruptible (experimental tier): spot capacity at 70 % off: $73.00 → $21.90 a month, saving $51.10.',
    );
  });

  it('never suggests spot for a critical-tier production service, even a worker', () => {
    const steady = run(workload({ tier: 'critical', type: 'worker' }));
    const bursty = run(
      workload({ tier: 'critical', type: 'worker', usage: burstyWeek }),
    );

    expect(steady.purchases.map(p => [p.to, p.reason])).toEqual([
      [
        'reserved',
        'Never spot for a critical-tier production service, even a worker. Steady production workload (4 replicas throughout and CPU p95 1.1× the median over 7 days, always on): reserved capacity at 40 % off: $73.00 → $43.80 a month, saving $29.20.',
      ],
    ]);
    expect(bursty.purchases).toEqual([]);
    expect(bursty.deployments[0].explanation).toContain(
      'Never spot for a critical-tier production service, even a worker: it stays on-demand.',
    );
  });

  it('moves a critical-tier production service off spot, at a cost it states', () => {
    const report = run(
      workload({ tier: 'critical', purchase: 'spot', usage: burstyWeek }),
    );

    expect(report.purchases).toEqual([
      expect.objectContaining({
        from: 'spot',
        to: 'on-demand',
        monthlyCostBefore: 21.9,
        monthlyCostAfter: 73,
        monthlySaving: -51.1,
        reason:
          'Critical-tier production service on spot capacity: a reclaimed node takes its pods down with little notice; move it to on-demand: $21.90 → $73.00 a month, $51.10 more.',
      }),
    ]);
    expect(report.totalMonthlySaving).toBe(-51.1);
  });

  it('suggests nothing for a bursty production service or one already reserved', () => {
    expect(run(workload({ usage: burstyWeek })).purchases).toEqual([]);
    expect(run(workload({ purchase: 'reserved' })).purchases).toEqual([]);
  });

  it('waits for a week of data before suggesting a commitment', () => {
    const report = run(
      workload({
        usage: { ...steadyWeek, windowStart: '2026-11-22T00:00:00Z' },
      }),
    );

    expect(report.purchases).toEqual([]);
    expect(report.deployments[0].explanation).toContain(
      'Steady so far (4 replicas throughout and CPU p95 1.1× the median over 24 h), but reserved capacity is a 1 to 3 year commitment: wait for 7 days of data before buying it.',
    );
  });

  it('prices the suggestion on the right-sized requests and the replicas the HPA runs at median load', () => {
    const report = run(
      workload({
        requests: { cpuMillicores: 1000, memoryBytes: GI },
        hpa: { min: 2, max: 10, cpu: { target: 70 } },
        usage: {
          ...steadyWeek,
          cpuMillicores: { p50: 700, p95: 720, max: 800 },
          memoryBytes: { p95: 900 * MI, max: 1000 * MI },
          totalCpuMillicores: { p50: 2100, p95: 2800 },
        },
      }),
    );

    // 825m at an 85 % target, 3 replicas at median load: $83.22 on demand
    expect(report.deployments[0].monthlySaving).toBe(15.33);
    expect(report.purchases[0]).toEqual(
      expect.objectContaining({
        to: 'reserved',
        monthlyCostBefore: 83.22,
        monthlyCostAfter: 49.93,
        monthlySaving: 33.29,
      }),
    );
    expect(report.purchases[0].reason).toContain(
      '3 to 4 replicas and CPU p95 1.3× the median over 7 days',
    );
    expect(report.totalMonthlySaving).toBe(48.62);
  });
});
