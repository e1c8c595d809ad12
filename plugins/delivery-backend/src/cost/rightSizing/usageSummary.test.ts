import { summarizeUsagePolls } from './usageSummary';

const window = {
  windowStart: '2026-11-22T00:00:00Z',
  windowEnd: '2026-11-23T00:00:00Z',
};

describe('summarizeUsagePolls', () => {
  it('reads percentiles per pod over every sample and of the total per poll', () => {
    const summary = summarizeUsagePolls(window, [
      { cpuMillicores: [100, 120], memoryBytes: [200, 210] },
      { cpuMillicores: [200, 220], memoryBytes: [220, 230] },
      { cpuMillicores: [300, 320, 310], memoryBytes: [240, 250, 260] },
      { cpuMillicores: [400, 900], memoryBytes: [270, 500] },
    ]);

    expect(summary).toEqual({
      ...window,
      sampleCount: 9,
      cpuMillicores: { p50: 300, p95: 900, max: 900 },
      memoryBytes: { p95: 500, max: 500 },
      // polls sum to 220, 420, 930 and 1300 millicores; 410, 450, 750 and 770 bytes
      totalCpuMillicores: { p50: 420, p95: 1300 },
      totalMemoryBytes: { p95: 770 },
      replicas: { min: 2, max: 3 },
    });
  });

  it('counts the pods a poll names when they differ from its samples', () => {
    const summary = summarizeUsagePolls(window, [
      { cpuMillicores: [100, 100], memoryBytes: [1, 1], pods: 1 },
      { cpuMillicores: [100], memoryBytes: [1] },
    ]);

    expect(summary.replicas).toEqual({ min: 1, max: 1 });
    expect(summary.sampleCount).toBe(3);
  });

  it('leaves the polls it was given in their order', () => {
    const cpu = [300, 100, 200];
    summarizeUsagePolls(window, [{ cpuMillicores: cpu, memoryBytes: cpu }]);
    expect(cpu).toEqual([300, 100, 200]);
  });
});
