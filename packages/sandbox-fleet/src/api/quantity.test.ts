import {
  formatBytes,
  formatCpu,
  formatGoDuration,
  parseQuantity,
} from './quantity';

describe('resource quantities', () => {
  it('reads requests the way the API server does', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('1')).toBe(1);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('512Mi')).toBe(512 * 2 ** 20);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('500M')).toBe(5e8);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('3040936n')).toBeCloseTo(0.003040936, 12);
    expect(parseQuantity('one')).toBeUndefined();
    expect(parseQuantity('12Qi')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it("writes CPU in the canonical form of metrics-server's nanocore quantities", () => {
    expect(formatCpu(3_040_936)).toBe('3040936n');
    expect(formatCpu(250_000_000)).toBe('250m');
    expect(formatCpu(4_528_000)).toBe('4528u');
    expect(formatCpu(2e9)).toBe('2');
    expect(formatCpu(0)).toBe('0');
  });

  it('writes memory with the largest binary suffix that keeps it whole', () => {
    expect(formatBytes(17112 * 1024)).toBe('17112Ki');
    expect(formatBytes(256 * 2 ** 20)).toBe('256Mi');
    expect(formatBytes(2 ** 30)).toBe('1Gi');
    expect(formatBytes(1536 * 2 ** 20)).toBe('1536Mi');
    expect(formatBytes(1500)).toBe('1500');
  });

  it("writes windows as Go's time.Duration does", () => {
    expect(formatGoDuration(15_000)).toBe('15s');
    expect(formatGoDuration(15_012)).toBe('15.012s');
    expect(formatGoDuration(30_500)).toBe('30.5s');
    expect(formatGoDuration(60_000)).toBe('1m0s');
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
  });
});
