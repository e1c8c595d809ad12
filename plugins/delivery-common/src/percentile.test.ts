import { percentile } from './percentile';

describe('percentile', () => {
  const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);

  it('picks the nearest-rank observation for a fraction of the list', () => {
    expect(percentile(twenty, 0.5)).toBe(100);
    expect(percentile(twenty, 0.95)).toBe(190);
    expect(percentile(twenty, 0.99)).toBe(200);
    expect(percentile(twenty, 1)).toBe(200);
    expect(percentile(twenty, 0)).toBe(10);
  });

  it('never interpolates: the median of two values is the lower one', () => {
    expect(percentile([100, 300], 0.5)).toBe(100);
    expect(percentile([100, 300], 0.51)).toBe(300);
  });

  it('gives the only value of a one-element list at every fraction', () => {
    expect(percentile([42], 0.01)).toBe(42);
    expect(percentile([42], 0.95)).toBe(42);
  });

  it('gives 0 when nothing was observed', () => {
    expect(percentile([], 0.95)).toBe(0);
  });

  it('refuses a percentage where a fraction belongs, naming the scale', () => {
    expect(() => percentile(twenty, 95)).toThrow(
      'percentile: 95 is not a fraction; use a number from 0 to 1, such as 0.95',
    );
    expect(() => percentile(twenty, -0.1)).toThrow(RangeError);
    expect(() => percentile(twenty, NaN)).toThrow(RangeError);
  });
});
