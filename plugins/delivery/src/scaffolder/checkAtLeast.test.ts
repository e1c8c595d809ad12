import { checkAtLeast } from './checkAtLeast';

describe('checkAtLeast', () => {
  it.each([
    ['500m', { cpuRequest: '250m' }, 'cpu', undefined],
    ['1', { cpuRequest: '1000m' }, 'cpu', undefined],
    [
      '200m',
      { cpuRequest: '250m' },
      'cpu',
      'must not be below cpuRequest (200m < 250m)',
    ],
    [
      'lots',
      { cpuRequest: '250m' },
      'cpu',
      'must be a CPU quantity such as 250m or 1',
    ],
    ['1Gi', { memoryRequest: '512Mi' }, 'memory', undefined],
    [
      '256Mi',
      { memoryRequest: '1Gi' },
      'memory',
      'must not be below memoryRequest (256Mi < 1Gi)',
    ],
    [
      '512MB',
      { memoryRequest: '1Gi' },
      'memory',
      'must be a memory quantity such as 256Mi or 1Gi',
    ],
    [1, { hpaMin: 2 }, 'count', 'must not be below hpaMin (1 < 2)'],
    [2, { hpaMin: 2 }, 'count', undefined],
    // The other field is empty or wrong: it reports its own problem, this one stays quiet.
    ['500m', { cpuRequest: 'x' }, 'cpu', undefined],
    [3, {}, 'count', undefined],
  ] as const)(
    '%j against %j (%s): %s',
    (value, formData, quantity, problem) => {
      const atLeast = Object.keys(formData)[0] ?? 'hpaMin';
      expect(checkAtLeast(value, { atLeast, quantity }, formData)).toBe(
        problem,
      );
    },
  );
});
