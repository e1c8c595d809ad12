/**
 * Keys the scaffolder's template engine (nunjitsu) refuses anywhere in a context, because
 * they lead to object prototypes. A parameter carrying one would fail a task inside the
 * engine with a TypeError; refusing it by name first says what to change.
 */
export const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const RESERVED = new Set<string>(RESERVED_KEYS);

/**
 * The paths (`parameters.x.__proto__`) of every reserved key in a JSON value, at any depth.
 * Own keys only: `JSON.parse` makes `__proto__` an own property, which `Object.keys` lists.
 */
export function reservedKeyPaths(value: unknown, at = 'parameters'): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) =>
      reservedKeyPaths(item, `${at}[${index}]`),
    );
  if (!value || typeof value !== 'object') return [];
  return Object.keys(value).flatMap(key => [
    ...(RESERVED.has(key) ? [`${at}.${key}`] : []),
    ...reservedKeyPaths(
      (value as Record<string, unknown>)[key],
      `${at}.${key}`,
    ),
  ]);
}
