import { Config } from '@backstage/config';

/*
 * Readers of single `delivery.cost` values that every block shares; each error names the
 * key, so a bad value stops the backend at start-up saying where it is.
 */

/** A number at `key` within [min, max], or `fallback` when unset; the error names the key. */
export function positive(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value >= min && value <= max))
    throw new Error(`${key} ${value} must be from ${min} to ${max}`);
  return value;
}

/** The map at `key`; empty when unset. */
export function objectAt(value: unknown, key: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${key} must be a map, not ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

// Strings too: a value substituted from an environment variable arrives as one.
export function numberAt(value: unknown, key: string): number {
  const number =
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new Error(`${key} ${JSON.stringify(value)} must be a number`);
  }
  return number;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
