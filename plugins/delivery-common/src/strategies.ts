/** Deployment strategies the golden paths and actions support. @public */
export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;

/** @public */
export type Strategy = (typeof STRATEGIES)[number];

/** @public */
export function isStrategy(value: unknown): value is Strategy {
  return (
    typeof value === 'string' &&
    (STRATEGIES as readonly string[]).includes(value)
  );
}
