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
const DAY = {
  windowStart: '2026-11-22T00:00:00Z',
  windowEnd: '2026-11-23T00:00:00Z',
  sampleCount: 400,
};

function usage(overrides: Partial<UsageSummary>): UsageSummary {
  return {
    ...DAY,
    cpuMillicores: { p50: 200, p95: 300, max: 450 },
    memoryBytes: { p95: 700 * MI, max: 800 * MI },
    ...overrides,
  };
}

/** A standard-tier staging service: no reserved-capacity note joins its explanations. */
function workload(
  overrides: Partial<RightSizingWorkload>,
): RightSizingWorkload {
  return {
    namespace: 'payments',
    name: 'payments-api',
    requests: { cpuMillicores: 1000, memoryBytes: 2 * GI },
    replicas: 3,
    tier: 'standard',
    type: 'service',
    environment: { name: 'staging', production: false },
    prices,
    purchase: 'on-demand',
    usage: usage({}),
    ...overrides,
  };
}

const only = (w: RightSizingWorkload) =>
  recommendRightSizing({ workloads: [w] }).deployments[0];

describe('recommendRightSizing with a CPU HPA', () => {
  // 2100m at median load and 2800m at p95 across the Deployment: 3 and 4 pods at 1000m x 70 %
  const scaled = workload({
    requests: { cpuMillicores: 1000, memoryBytes: GI },
    hpa: { min: 2, max: 10, cpu: { target: 70 } },
    usage: usage({
      cpuMillicores: { p50: 700, p95: 720, max: 800 },
      memoryBytes: { p95: 900 * MI, max: 1000 * MI },
      totalCpuMillicores: { p50: 2100, p95: 2800 },
    }),
  });

  it('raises the target while lowering the request, so the replicas at p95 stay where they are', () => {
    const result = only(scaled);

    expect(result.status).toBe('recommend');
    expect(result.current).toEqual({
      cpuMillicores: 1000,
      memoryBytes: GI,
      cpuTargetPercent: 70,
    });
    // 825m x 85 % = 701m of usage per pod before scaling out, as 1000m x 70 % = 700m today
    expect(result.recommended).toEqual({
      cpuMillicores: 825,
      memoryBytes: GI,
      cpuTargetPercent: 85,
    });
    expect(result.replicas).toEqual({
      before: { p50: 3, p95: 4 },
      after: { p50: 3, p95: 4 },
    });
    expect(result.monthlyCost?.before.total).toBe(98.55);
    expect(result.monthlyCost?.after.total).toBe(83.22);
    expect(result.monthlySaving).toBe(15.33);
    expect(result.explanation).toEqual([
      'Observed over 24 h (400 samples): CPU per pod p50 700m, p95 720m, max 800m; memory per pod p95 900Mi, peak 1000Mi.',
      'The HPA scales on CPU usage / request: at the same load a smaller request means higher utilisation and more replicas, so the request and the target are recommended together.',
      'Lowering only the CPU request to 865m (p95 usage 720m × 1.2) at the 70 % target would run 4 replicas at median load and 5 at p95 (today 3 and 4) for $115.63 a month instead of $98.55.',
      'CPU request 1000m → 825m with the CPU target 70 % → 85 %: a pod asks for more replicas above 701.3m of usage (today 700m), so the HPA runs 3 replicas at median load and 4 at p95 (today 3 and 4).',
      'Memory request stays 1Gi.',
      'Priced at the replicas the HPA runs at median load (3 before, 3 after): $98.55 → $83.22 a month, saving $15.33 (16 %).',
    ]);
  });

  it('never recommends a target above the ceiling, and follows a lower ceiling', () => {
    const result = recommendRightSizing({
      workloads: [scaled],
      policy: { maxCpuTargetPercent: 80 },
    }).deployments[0];

    // 875m x 80 % = 700m: the same replica counts, a smaller saving
    expect(result.recommended).toEqual({
      cpuMillicores: 875,
      memoryBytes: GI,
      cpuTargetPercent: 80,
    });
    expect(result.replicas?.after).toEqual({ p50: 3, p95: 4 });
    expect(result.monthlySaving).toBe(10.95);
  });

  it('refuses when the HPA is pinned at its maximum and nothing brings it under', () => {
    // 1800m at p95 wants 5 pods of 500m x 80 %; the HPA may run 4, and 85 % still wants 5
    const result = only(
      workload({
        requests: { cpuMillicores: 500, memoryBytes: 512 * MI },
        replicas: 4,
        hpa: { min: 2, max: 4, cpu: { target: 80 } },
        usage: usage({
          cpuMillicores: { p50: 300, p95: 450, max: 480 },
          memoryBytes: { p95: 200 * MI, max: 220 * MI },
          totalCpuMillicores: { p50: 1200, p95: 1800 },
        }),
      }),
    );

    expect(result.status).toBe('refused');
    expect(result.recommended).toEqual(result.current);
    expect(result.monthlySaving).toBe(0);
    expect(result.refused).toEqual({
      settings: {
        cpuMillicores: 300,
        memoryBytes: 264 * MI,
        cpuTargetPercent: 80,
      },
      desiredAtP95: 8,
      maxReplicas: 4,
      monthlySaving: 10.48,
    });
    expect(result.explanation.slice(1)).toEqual([
      'Refused: at p95 load (1800m CPU across the Deployment) the HPA wants 5 replicas at its 80 % CPU target but may run at most 4, so pods run at 90 % of their 500m request.',
      'No request at or above median usage with a target up to 85 % brings it under the maximum, and smaller requests only push utilisation higher: raise maxReplicas to at least 5 first, then right-size.',
      'Turned down: CPU 500m → 300m, memory 512Mi → 264Mi would pin the HPA at its maximum of 4 (at p95 load it would want 8).',
    ]);
  });

  it('refuses the cheap change that would pin the HPA when the rest saves too little', () => {
    // At median load the HPA sits at its minimum of 3, so a smaller request looks cheap;
    // at p95 it already runs its maximum of 4 at the 85 % ceiling.
    const result = only(
      workload({
        requests: { cpuMillicores: 1000, memoryBytes: GI },
        hpa: { min: 3, max: 4, cpu: { target: 85 } },
        usage: usage({
          cpuMillicores: { p50: 400, p95: 850, max: 900 },
          memoryBytes: { p95: 800 * MI, max: 900 * MI },
          totalCpuMillicores: { p50: 1200, p95: 3350 },
        }),
      }),
    );

    expect(result.status).toBe('refused');
    expect(result.replicas).toEqual({
      before: { p50: 3, p95: 4 },
      after: { p50: 3, p95: 4 },
    });
    expect(result.refused).toEqual({
      settings: { cpuMillicores: 475, memoryBytes: GI, cpuTargetPercent: 85 },
      desiredAtP95: 9,
      maxReplicas: 4,
      monthlySaving: 45.99,
    });
    expect(result.explanation.slice(1)).toEqual([
      'Refused: the cheapest change (CPU 1000m → 475m) would save $45.99 a month but pin the HPA at its maximum of 4 (at p95 load it would want 9): pods would run above the target with no replica left to add. Raise maxReplicas to at least 9 to take it.',
      'Without pinning the HPA, the best change saves $0.88 a month, under the $5.00 and 10 % threshold.',
    ]);
  });

  it('refuses to work with a target above the ceiling', () => {
    const result = only({
      ...scaled,
      hpa: { min: 2, max: 10, cpu: { target: 90 } },
    });

    expect(result.status).toBe('refused');
    expect(result.explanation[1]).toBe(
      "Refused: the HPA's CPU target is 90 %, above the 85 % this recommends, so pods have little room for a burst while new replicas start. Lower it to 85 % first (the HPA would then run 3 replicas at median load and 4 at p95), then right-size.",
    );
  });
});

describe('recommendRightSizing without an HPA', () => {
  it('trims both requests to usage with headroom and prices them at the same replicas', () => {
    const result = only(workload({}));

    expect(result.status).toBe('recommend');
    expect(result.recommended).toEqual({
      cpuMillicores: 360,
      memoryBytes: 960 * MI,
    });
    expect(result.replicas).toEqual({
      before: { p50: 3, p95: 3 },
      after: { p50: 3, p95: 3 },
    });
    expect(result.monthlyCost).toEqual({
      before: { cpu: 87.6, memory: 21.9, storage: 0, total: 109.5 },
      after: { cpu: 31.54, memory: 10.27, storage: 0, total: 41.8 },
    });
    expect(result.monthlySaving).toBe(67.7);
    expect(result.explanation.slice(1)).toEqual([
      'Without an HPA the Deployment keeps 3 replicas, so the saving is the change in requests times 3.',
      'CPU request 1000m → 360m: p95 usage 300m × 1.2.',
      'Memory request 2Gi → 960Mi: the observed peak 800Mi × 1.2; memory cannot be throttled, so it never goes below the peak.',
      '$109.50 → $41.80 a month at 3 replicas: saving $67.70 (62 %).',
    ]);
  });

  it('sizes memory from the observed peak, never from p95 alone', () => {
    const result = only(
      workload({
        usage: usage({ memoryBytes: { p95: 300 * MI, max: 900 * MI } }),
      }),
    );

    // 900Mi x 1.2, not 300Mi x 1.2 = 360Mi
    expect(result.recommended.memoryBytes).toBe(1080 * MI);
  });

  it('raises a memory request below the observed peak even though it costs more', () => {
    const result = only(
      workload({
        requests: { cpuMillicores: 360, memoryBytes: 512 * MI },
        usage: usage({ memoryBytes: { p95: 300 * MI, max: 900 * MI } }),
      }),
    );

    expect(result.status).toBe('recommend');
    expect(result.recommended).toEqual({
      cpuMillicores: 360,
      memoryBytes: 1080 * MI,
    });
    expect(result.monthlyCost?.before.total).toBe(37.01);
    expect(result.monthlyCost?.after.total).toBe(43.08);
    expect(result.monthlySaving).toBe(-6.07);
    expect(result.explanation.slice(2)).toEqual([
      'CPU request stays 360m.',
      'Memory request 512Mi → 1080Mi: below the observed peak of 900Mi, where pods get OOM-killed or evicted; memory cannot be throttled, so it grows to the peak × 1.2.',
      '$37.01 → $43.08 a month at 3 replicas: $6.07 more, because a request below the usage has to grow.',
    ]);
  });

  it('says a Deployment is right-sized when the best change saves under $5 or 10 %', () => {
    const result = only(
      workload({
        requests: { cpuMillicores: 1000, memoryBytes: GI },
        usage: usage({
          cpuMillicores: { p50: 600, p95: 800, max: 950 },
          memoryBytes: { p95: 850 * MI, max: 900 * MI },
        }),
      }),
    );

    expect(result.status).toBe('right-sized');
    expect(result.recommended).toEqual(result.current);
    expect(result.monthlySaving).toBe(0);
    expect(result.monthlyCost?.after.total).toBe(98.55);
    expect(result.explanation.slice(1)).toEqual([
      'Already right-sized: the best change found (CPU 1000m → 960m) would save $3.50 a month (4 %), under the $5.00 and 10 % threshold.',
      '$98.55 a month.',
    ]);
  });
});

describe('recommendRightSizing with too little data', () => {
  it('returns what is missing and no recommendation', () => {
    const result = only(
      workload({
        usage: usage({
          windowStart: '2026-11-22T18:00:00Z',
          sampleCount: 42,
        }),
      }),
    );

    expect(result).toEqual({
      namespace: 'payments',
      name: 'payments-api',
      status: 'insufficient-data',
      current: { cpuMillicores: 1000, memoryBytes: 2 * GI },
      recommended: { cpuMillicores: 1000, memoryBytes: 2 * GI },
      monthlySaving: 0,
      missing: ['samples: 42 of at least 100', 'window: 6 h of at least 24 h'],
      explanation: [
        'Not enough data to recommend anything: samples: 42 of at least 100; window: 6 h of at least 24 h.',
      ],
    });
  });

  it('recommends nothing, not even spot, for a Deployment nothing was collected for', () => {
    const report = recommendRightSizing({
      workloads: [
        workload({
          type: 'worker',
          environment: { name: 'staging', production: false },
          usage: undefined,
        }),
      ],
    });

    expect(report.deployments[0].status).toBe('insufficient-data');
    expect(report.deployments[0].missing).toEqual([
      'usage: nothing was collected for this Deployment',
    ]);
    expect(report.purchases).toEqual([]);
    expect(report.totalMonthlySaving).toBe(0);
  });
});

describe('recommendRightSizing totals and input', () => {
  it('adds the right-sizing and purchase savings of every Deployment', () => {
    const report = recommendRightSizing({
      workloads: [
        workload({}),
        workload({
          name: 'payments-worker',
          type: 'worker',
          environment: { name: 'production', production: true },
          purchase: 'spot',
        }),
      ],
    });

    expect(report.deployments.map(d => d.monthlySaving)).toEqual([67.7, 20.31]);
    // staging on demand moves to spot: $41.80 → $12.54
    expect(report.purchases.map(p => [p.name, p.monthlySaving])).toEqual([
      ['payments-api', 29.26],
    ]);
    expect(report.totalMonthlySaving).toBe(117.27);
  });

  it('names the field it cannot use', () => {
    const run = (w: RightSizingWorkload) => () =>
      recommendRightSizing({ workloads: [workload({}), w] });

    expect(run(workload({ hpa: { min: 5, max: 2 } }))).toThrow(
      'workloads[1].hpa.min: must not exceed hpa.max (5 > 2)',
    );
    expect(
      run(
        workload({
          usage: usage({ cpuMillicores: { p50: 300, p95: 200, max: 450 } }),
        }),
      ),
    ).toThrow('workloads[1].usage.cpuMillicores.p95: 200 is below p50 300');
    expect(run(workload({ tier: 'gold' as never }))).toThrow(
      'workloads[1].tier: "gold" is not a tier',
    );
    expect(
      run(
        workload({ requests: { cpuMillicores: Number.NaN, memoryBytes: GI } }),
      ),
    ).toThrow('workloads[1].requests.cpuMillicores: NaN is not an amount');
    expect(() =>
      recommendRightSizing({ workloads: [], policy: { cpuHeadroom: 0.8 } }),
    ).toThrow('policy.cpuHeadroom: 0.8 would recommend less than the usage');
  });
});
