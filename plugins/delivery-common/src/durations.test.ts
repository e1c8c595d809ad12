import { formatDurationMinutes, parseDurationMinutes } from './durations';

describe('durations', () => {
  it.each([
    ['15m', 15],
    ['2h', 120],
    ['1d', 1440],
    [' 90m ', 90],
  ])('parses %s', (raw, minutes) => {
    expect(parseDurationMinutes(raw)).toBe(minutes);
  });

  it.each(['', '15', '1.5h', '-5m', '2 hours', '1w'])('rejects %p', raw => {
    expect(parseDurationMinutes(raw)).toBeUndefined();
  });

  it('formats back to the shortest whole unit', () => {
    expect([90, 120, 1440, 0].map(formatDurationMinutes)).toEqual([
      '90m',
      '2h',
      '1d',
      '0m',
    ]);
  });
});
