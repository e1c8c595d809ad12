import { InputError } from '@backstage/errors';
import { formatFreezeTime } from '@internal/backstage-plugin-delivery-common';
import {
  FREEZABLE_ACTIONS,
  FreezeDefinitionError,
  FreezeOccurrence,
  freezeStatus,
  FreezeWindow,
  readFreezeAnnotation,
} from '@internal/backstage-plugin-delivery-node';
import type { PreflightCheck } from '../actions/frame/hooks';

/** Where a freeze is written, as a refusal names it. */
const definedIn = (freeze: FreezeWindow) =>
  freeze.source === 'config'
    ? 'delivery.freezes'
    : "the service's delivery/freeze annotation";

const described = (o: FreezeOccurrence) =>
  `"${o.freeze.name}"${o.freeze.reason ? ` (${o.freeze.reason})` : ''}`;

/**
 * `freeze-window`: refuses an action inside a freeze window of its environment, from
 * `delivery.freezes` or the service's `delivery/freeze` annotation, naming the freeze, its
 * reason and when it lifts (in its time zone and in UTC). The platform team may override
 * it with a written reason. A read (the migration status) passes. Failover is not checked: disaster recovery must work during a
 * freeze. A malformed annotation refuses the action, naming the annotation.
 */
export const freezeWindowCheck: PreflightCheck = {
  name: 'freeze-window',
  actions: FREEZABLE_ACTIONS,
  async check({ action, plan, now, deps, readOnly }) {
    // A freeze stops changes; reading the migration state changes nothing.
    if (readOnly) return { passed: 'a read is not frozen' };
    let ownFreezes: FreezeWindow[];
    try {
      ownFreezes = readFreezeAnnotation(
        plan.annotations,
        deps.config.environments.map(e => e.name),
      );
    } catch (error) {
      if (error instanceof FreezeDefinitionError)
        throw new InputError(
          `${error.message}. Fix the annotation in the service's catalog-info.yaml; nothing was changed`,
        );
      throw error;
    }
    const environment = plan.environment.name;
    const { inForce, next } = freezeStatus(
      [...deps.config.freezes, ...ownFreezes],
      { environment, action, now },
    );
    if (inForce.length) {
      const refusal = `${environment} is frozen for ${action}: ${inForce
        .map(
          o =>
            `${described(o)} until ${formatFreezeTime(
              o.end,
              o.freeze.timeZone,
            )} (${definedIn(o.freeze)})`,
        )
        .join('; ')}. Try again after it lifts`;
      return {
        refusal,
        overridable: true,
        recorded: {
          freezes: inForce.map(o => ({
            name: o.freeze.name,
            ...(o.freeze.reason ? { reason: o.freeze.reason } : {}),
            source: o.freeze.source,
            start: o.start.toISOString(),
            end: o.end.toISOString(),
          })),
        },
      };
    }
    return {
      passed: next
        ? `no freeze in force in ${environment} for ${action}; the next, ${described(
            next,
          )}, starts ${formatFreezeTime(next.start, next.freeze.timeZone)}`
        : `no freeze in force in ${environment} for ${action}, and none scheduled`,
    };
  },
};
