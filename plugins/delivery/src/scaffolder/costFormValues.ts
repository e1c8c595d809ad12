import {
  CostInputError,
  GoldenPathCostValues,
} from '@internal/backstage-plugin-delivery-common';

const TIERS: readonly GoldenPathCostValues['tier'][] = [
  'critical',
  'standard',
  'experimental',
];
const STRATEGIES: readonly GoldenPathCostValues['strategy'][] = [
  'rolling',
  'blue-green',
  'canary',
];

/** What each field the estimate needs asks for while it is still empty. */
const EMPTY_HINT = {
  cpuRequest: 'is empty; enter a CPU request such as 250m to see the estimate',
  memoryRequest:
    'is empty; enter a memory request such as 256Mi to see the estimate',
  hpaMin: 'is empty; enter the minimum replicas to see the estimate',
  hpaMax: 'is empty; enter the maximum replicas to see the estimate',
} as const;

function present(
  formData: Record<string, unknown>,
  field: keyof typeof EMPTY_HINT,
) {
  const value = formData[field];
  // A cleared field is undefined in the form; the parsers would report it as "undefined".
  if (value === undefined || value === null || value === '') {
    throw new CostInputError(field, EMPTY_HINT[field]);
  }
  return value;
}

/**
 * The HPA bounds as whole numbers. Checked here because the cost shapes pass the minimum
 * on as the new Deployment's replicas, and would name that field instead of the form's.
 */
function count(formData: Record<string, unknown>, field: 'hpaMin' | 'hpaMax') {
  const value = present(formData, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CostInputError(
      field,
      `${String(
        value,
      )} is not a replica count; it must be a whole number of at least 0`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  formData: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
): T {
  const value = formData[field];
  if (!allowed.includes(value as T)) {
    throw new CostInputError(
      field,
      `"${String(value)}" is not one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

/**
 * The golden-path form's values (every page so far, as the scaffolder holds them) as the
 * cost shapes read them. Quantities and counts are passed on as typed, so the shared cost
 * code reports a bad one in its own words; empty fields and fractional bounds are caught
 * here. Throws a
 * CostInputError naming the form field.
 */
export function costFormValues(
  formData: Record<string, unknown>,
): GoldenPathCostValues {
  const environments = formData.environments;
  const drRegion = formData.drRegion;
  return {
    name: typeof formData.name === 'string' ? formData.name : '',
    tier: oneOf(formData, 'tier', TIERS),
    strategy: oneOf(formData, 'strategy', STRATEGIES),
    environments: Array.isArray(environments)
      ? environments.filter((e): e is string => typeof e === 'string')
      : [],
    drRegion:
      typeof drRegion === 'string' && drRegion !== '' ? drRegion : undefined,
    cpuRequest: present(formData, 'cpuRequest') as string,
    memoryRequest: present(formData, 'memoryRequest') as string,
    hpaMin: count(formData, 'hpaMin'),
    hpaMax: count(formData, 'hpaMax'),
  };
}
