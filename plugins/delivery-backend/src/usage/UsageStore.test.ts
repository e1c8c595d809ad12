import { summarizeUsage } from '../cost/rightSizing/rightSizingUsage';
import { UsageStore } from './UsageStore';

const KEY = UsageStore.key('production', 'payments', 'payments-api');
const HOUR = 3_600_000;
const start = Date.parse('2026-11-22T00:00:00Z');

describe('UsageStore', () => {
  it('summarises its polls exactly as right-sizing summarises the same samples', () => {
    const store = new UsageStore({ retentionMs: 24 * HOUR, maxPolls: 100 });
    const polls = [
      [
        { cpu: 100, memory: 200 },
        { cpu: 120, memory: 210 },
      ],
      [
        { cpu: 200, memory: 220 },
        { cpu: 220, memory: 230 },
        { cpu: 210, memory: 225 },
      ],
      [
        { cpu: 400, memory: 270 },
        { cpu: 900, memory: 500 },
      ],
    ];
    polls.forEach((pods, i) => store.add(KEY, start + i * 6 * HOUR, pods));

    const iso = (at: number) => new Date(at).toISOString();
    const samples = polls.flatMap((pods, i) =>
      pods.map((pod, p) => ({
        at: iso(start + i * 6 * HOUR),
        pod: `payments-api-${p}`,
        cpuMillicores: pod.cpu,
        memoryBytes: pod.memory,
      })),
    );

    expect(store.summary(KEY)).toEqual(
      summarizeUsage({
        windowStart: iso(start),
        windowEnd: iso(start + 12 * HOUR),
        samples,
      }),
    );
    expect(store.summary(KEY)).toMatchObject({
      sampleCount: 7,
      cpuMillicores: { p50: 210, p95: 900, max: 900 },
      totalCpuMillicores: { p50: 630, p95: 1300 },
      replicas: { min: 2, max: 3 },
    });
  });

  it('keeps no poll older than its retention window', () => {
    const store = new UsageStore({ retentionMs: 2 * HOUR, maxPolls: 100 });
    store.add(KEY, start, [{ cpu: 5000, memory: 1 }]);
    store.add(KEY, start + 3 * HOUR, [{ cpu: 100, memory: 1 }]);

    expect(store.summary(KEY)?.cpuMillicores.max).toBe(100);
    expect(store.summary('production/payments/unknown')).toBeUndefined();
  });
});
