import { Config } from '@backstage/config';
import { positive } from './configValues';

/**
 * Thresholds right-sizing uses in place of its defaults (`delivery.cost.rightSizing`; the
 * policy and its defaults are the Delivery backend's).
 */
export interface RightSizingConfig {
  minWindowHours?: number;
  minSamples?: number;
}

/** Reads `delivery.cost.rightSizing`: only the keys set, so the others keep their default. */
export function readRightSizingConfig(config: Config): RightSizingConfig {
  return Object.fromEntries(
    (
      [
        ['minWindowHours', 0.001, 720],
        ['minSamples', 1, 100_000],
      ] as const
    )
      .filter(([name]) => config.has(`delivery.cost.rightSizing.${name}`))
      .map(([name, min, max]) => [
        name,
        positive(config, `delivery.cost.rightSizing.${name}`, 0, min, max),
      ]),
  );
}
