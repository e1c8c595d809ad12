import { InputError } from '@backstage/errors';
import { Strategy } from '@internal/backstage-plugin-delivery-common';

/** The inputs only some strategies use, and what each is for, as a refusal says it. */
export const STRATEGY_INPUTS: Record<
  string,
  { usedBy: Strategy[]; what: string }
> = {
  canarySteps: { usedBy: ['canary'], what: 'the canary weights' },
  canaryPauseSeconds: {
    usedBy: ['canary'],
    what: 'how long each canary weight is held',
  },
  keepPreviousSeconds: {
    usedBy: ['blue-green'],
    what: 'how long the previous colour keeps running',
  },
  pauseForPromotion: {
    usedBy: ['blue-green', 'canary'],
    what: 'a stop before traffic moves, for promote or abort',
  },
};

/**
 * An input an action cannot honour is refused, not dropped: each of `STRATEGY_INPUTS`
 * given for a strategy that does not use it is an InputError naming the field and the
 * strategy. Read from the input as posted (before defaults), so only what the caller
 * asked for counts; an empty template parameter arrives undefined and asks for nothing,
 * and so does `pauseForPromotion: false`.
 */
export function refuseUnusedInputs(
  raw: Record<string, unknown>,
  strategy: Strategy,
  where: string,
): void {
  for (const [field, { usedBy, what }] of Object.entries(STRATEGY_INPUTS)) {
    const value = raw[field];
    if (value === undefined || value === null || value === false) continue;
    if (usedBy.includes(strategy)) continue;
    throw new InputError(
      `${field}: ${where} uses the ${strategy} strategy, which does not use ${field} (${what}, for ${usedBy.join(
        ' and ',
      )} only); leave it out, or choose a strategy that uses it`,
    );
  }
}
