import {
  lastPointOf,
  nextPrometheusRange,
  PROMETHEUS_MAX_POINTS,
} from './prometheusRange';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (time: string) => Date.parse(`2026-11-24T${time}Z`);
const points = (range: { startMs: number; endMs: number; stepMs: number }) =>
  Math.floor((range.endMs - range.startMs) / range.stepMs) + 1;

describe('nextPrometheusRange', () => {
  it('backfills the retention window on the step grid, up to the last full step', () => {
    expect(
      nextPrometheusRange({
        now: at('10:07:42'),
        stepMs: 5 * MINUTE,
        retentionMs: DAY,
        maxPolls: 1000,
      }),
    ).toEqual({
      startMs: at('10:05:00') - DAY,
      endMs: at('10:05:00'),
      stepMs: 5 * MINUTE,
    });
  });

  it('backfills no further than the store keeps polls', () => {
    const range = nextPrometheusRange({
      now: at('10:07:42'),
      stepMs: 5 * MINUTE,
      retentionMs: DAY,
      maxPolls: 12,
    })!;
    expect(range.startMs).toBe(at('09:10:00'));
    expect(points(range)).toBe(12);
  });

  it('goes on from the step after the last instant read, and waits for the next one', () => {
    const next = {
      now: at('10:21:00'),
      stepMs: 5 * MINUTE,
      retentionMs: DAY,
      maxPolls: 1000,
      lastReadMs: at('10:05:00'),
    };
    expect(nextPrometheusRange(next)).toEqual({
      startMs: at('10:10:00'),
      endMs: at('10:20:00'),
      stepMs: 5 * MINUTE,
    });
    expect(
      nextPrometheusRange({ ...next, lastReadMs: at('10:20:00') }),
    ).toBeUndefined();
  });

  it('widens the step of a span over 11,000 points rather than asking twice', () => {
    // 31 days a minute apart: 44,641 points; five minutes apart fits.
    const range = nextPrometheusRange({
      now: at('10:00:00'),
      stepMs: MINUTE,
      retentionMs: 31 * DAY,
      maxPolls: 50_000,
    })!;
    expect(range.stepMs).toBe(5 * MINUTE);
    expect(range.startMs).toBe(at('10:00:00') - 31 * DAY);
    expect(points(range)).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
    expect(lastPointOf(range)).toBe(at('10:00:00'));
  });

  it('names the last instant a widened step evaluates, which can fall short of the end', () => {
    expect(
      lastPointOf({
        startMs: at('10:00:00'),
        endMs: at('10:07:00'),
        stepMs: 3 * MINUTE,
      }),
    ).toBe(at('10:06:00'));
  });
});
