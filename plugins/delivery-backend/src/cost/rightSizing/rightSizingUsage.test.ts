import { recommendRightSizing } from './recommendRightSizing';
import { summarizeUsage } from './rightSizingUsage';

const MI = 2 ** 20;
const sample = (at: string, pod: string, cpu: number, memoryMi: number) => ({
  at: `2026-11-22T${at}:00Z`,
  pod,
  cpuMillicores: cpu,
  memoryBytes: memoryMi * MI,
});

describe('summarizeUsage', () => {
  const usage = {
    windowStart: '2026-11-22T00:00:00Z',
    windowEnd: '2026-11-23T00:00:00Z',
    samples: [
      sample('00:00', 'api-a', 100, 200),
      sample('00:00', 'api-b', 120, 210),
      sample('06:00', 'api-a', 200, 220),
      sample('06:00', 'api-b', 220, 230),
      sample('12:00', 'api-a', 300, 240),
      sample('12:00', 'api-b', 320, 250),
      sample('12:00', 'api-c', 310, 260),
      sample('18:00', 'api-a', 400, 270),
      sample('18:00', 'api-b', 900, 500),
    ],
  };

  it('reduces per-pod samples to nearest-rank percentiles, per pod and summed per poll', () => {
    expect(summarizeUsage(usage)).toEqual({
      windowStart: '2026-11-22T00:00:00Z',
      windowEnd: '2026-11-23T00:00:00Z',
      sampleCount: 9,
      cpuMillicores: { p50: 300, p95: 900, max: 900 },
      memoryBytes: { p95: 500 * MI, max: 500 * MI },
      // polls sum to 220, 420, 930 and 1300 millicores
      totalCpuMillicores: { p50: 420, p95: 1300 },
      totalMemoryBytes: { p95: 770 * MI },
      replicas: { min: 2, max: 3 },
    });
  });

  it('names the sample that is not a number', () => {
    const bad = {
      ...usage,
      samples: [usage.samples[0], { ...usage.samples[1], cpuMillicores: -5 }],
    };
    expect(() => summarizeUsage(bad)).toThrow(
      'usage.samples[1].cpuMillicores: -5 is not an amount',
    );
  });

  it('names a window that ends before it starts, and an empty one', () => {
    expect(() =>
      summarizeUsage({ ...usage, windowEnd: '2026-11-21T00:00:00Z' }),
    ).toThrow(
      'usage.windowEnd: 2026-11-21T00:00:00Z is before windowStart 2026-11-22T00:00:00Z',
    );
    expect(() => summarizeUsage({ ...usage, samples: [] })).toThrow(
      'usage.samples: must hold at least one sample',
    );
  });

  it('feeds raw samples to right-sizing, which counts them before recommending', () => {
    const report = recommendRightSizing({
      workloads: [
        {
          namespace: 'payments',
          name: 'payments-api',
          requests: { cpuMillicores: 500, memoryBytes: 2 ** 30 },
          replicas: 2,
          tier: 'standard',
          type: 'service',
          environment: { name: 'production', production: true },
          prices: {
            vcpuHour: 0.04,
            gibHour: 0.005,
            storageGibMonth: 0,
            discounts: { spot: 0.7, reserved: 0.4 },
          },
          purchase: 'on-demand',
          usage,
        },
      ],
    });

    expect(report.deployments[0].status).toBe('insufficient-data');
    expect(report.deployments[0].missing).toEqual([
      'samples: 9 of at least 100',
    ]);
  });
});
