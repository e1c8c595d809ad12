import { ConfigReader } from '@backstage/config';
import { DEFAULT_DORA_THRESHOLDS } from '@internal/backstage-plugin-delivery-common';
import { readDoraConfig } from './readDoraConfig';

const read = (dora: unknown) =>
  readDoraConfig(new ConfigReader({ delivery: { dora } } as any));

describe('readDoraConfig', () => {
  it('defaults to 30 days and the 2023 report bands', () => {
    expect(readDoraConfig(new ConfigReader({}))).toEqual({
      windowDays: 30,
      thresholds: DEFAULT_DORA_THRESHOLDS,
    });
  });

  it('reads durations and percentages over the defaults', () => {
    const config = read({
      windowDays: 90,
      thresholds: {
        leadTime: { elite: '12h' },
        changeFailureRate: { elite: 0, high: 15, medium: 30 },
      },
    });
    expect(config.windowDays).toBe(90);
    expect(config.thresholds.leadTime).toEqual({
      elite: 720,
      high: 7 * 1440,
      medium: 30 * 1440,
    });
    expect(config.thresholds.changeFailureRate).toEqual({
      elite: 0,
      high: 15,
      medium: 30,
    });
  });

  it.each([
    [{ windowDays: 0 }, 'delivery.dora.windowDays 0 must be'],
    [
      { thresholds: { timeToRestore: { elite: 'an hour' } } },
      'delivery.dora.thresholds.timeToRestore.elite "an hour" must be a duration',
    ],
    [
      { thresholds: { changeFailureRate: { high: 120 } } },
      'delivery.dora.thresholds.changeFailureRate.high 120 must be a percentage',
    ],
    [
      { thresholds: { deploymentFrequency: { elite: '8d' } } },
      'delivery.dora.thresholds.deploymentFrequency: elite (11520), high (10080)',
    ],
  ])('rejects %j naming the key', (dora, message) => {
    expect(() => read(dora)).toThrow(message);
  });
});
