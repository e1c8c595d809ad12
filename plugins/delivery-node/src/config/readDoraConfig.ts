import { Config } from '@backstage/config';
import {
  DEFAULT_DORA_THRESHOLDS,
  DEFAULT_DORA_WINDOW_DAYS,
  DoraBandBounds,
  DoraThresholds,
  parseDurationMinutes,
} from '@internal/backstage-plugin-delivery-common';

/** The DORA metrics' window and bands (`delivery.dora`). @public */
export interface DoraConfig {
  /** How many days before now the metrics cover. */
  windowDays: number;
  thresholds: DoraThresholds;
}

const BANDS = ['elite', 'high', 'medium'] as const;

function readBounds(
  config: Config,
  key: string,
  defaults: DoraBandBounds,
  read: (value: Config, band: string, path: string) => number | undefined,
): DoraBandBounds {
  const bounds = { ...defaults };
  const section = config.getOptionalConfig(key);
  for (const band of BANDS) {
    const value = section && read(section, band, `${key}.${band}`);
    if (value !== undefined) bounds[band] = value;
  }
  if (!(bounds.elite <= bounds.high && bounds.high <= bounds.medium))
    throw new Error(
      `${key}: elite (${bounds.elite}), high (${bounds.high}) and medium (${bounds.medium}) must not decrease`,
    );
  return bounds;
}

/** A duration such as `1h` or `7d`, in minutes. */
function duration(section: Config, band: string, path: string) {
  const text = section.getOptionalString(band);
  if (text === undefined) return undefined;
  const minutes = parseDurationMinutes(text);
  if (minutes === undefined || minutes <= 0)
    throw new Error(
      `${path} "${text}" must be a duration such as 45m, 12h or 7d`,
    );
  return minutes;
}

function percent(section: Config, band: string, path: string) {
  const value = section.getOptionalNumber(band);
  if (value === undefined) return undefined;
  if (!(value >= 0 && value <= 100))
    throw new Error(`${path} ${value} must be a percentage from 0 to 100`);
  return value;
}

/**
 * Reads `delivery.dora`. Throws at start-up naming the key: bands that silently fell back
 * to their defaults would grade teams against numbers nobody chose.
 * @public
 */
export function readDoraConfig(config: Config): DoraConfig {
  const windowDays =
    config.getOptionalNumber('delivery.dora.windowDays') ??
    DEFAULT_DORA_WINDOW_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365)
    throw new Error(
      `delivery.dora.windowDays ${windowDays} must be a whole number of days from 1 to 365`,
    );
  const key = 'delivery.dora.thresholds';
  const defaults = DEFAULT_DORA_THRESHOLDS;
  return {
    windowDays,
    thresholds: {
      deploymentFrequency: readBounds(
        config,
        `${key}.deploymentFrequency`,
        defaults.deploymentFrequency,
        duration,
      ),
      leadTime: readBounds(
        config,
        `${key}.leadTime`,
        defaults.leadTime,
        duration,
      ),
      changeFailureRate: readBounds(
        config,
        `${key}.changeFailureRate`,
        defaults.changeFailureRate,
        percent,
      ),
      timeToRestore: readBounds(
        config,
        `${key}.timeToRestore`,
        defaults.timeToRestore,
        duration,
      ),
    },
  };
}
