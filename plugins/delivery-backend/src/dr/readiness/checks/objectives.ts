import {
  ANNOTATION_RPO,
  ANNOTATION_RTO,
  ANNOTATION_TIER,
  DrDescriptor,
  formatDurationMinutes,
} from '@internal/backstage-plugin-delivery-common';
import type { CheckOutcome } from './outcome';

const OBJECTIVE_ANNOTATIONS = [ANNOTATION_TIER, ANNOTATION_RTO, ANNOTATION_RPO];

/**
 * Check 1: the tier and the RTO/RPO are declared on the catalog entity.
 *
 * A missing or invalid tier always fails: every weight and threshold below depends on it.
 * Objectives left to the tier's defaults fail for the critical tier and are a soft pass
 * (pass, with the fix still shown) below it. Why: in seed 000 (PropertyOS) each critical
 * component has its own targets (frontend RPO 0, API 5 min, database 15 min, cache 1 min),
 * so one tier-wide default is wrong for most critical services; the standard and
 * experimental defaults are the single plan of seeds 003 (2 h / 1 h) and 001 (4 h / 1 h),
 * which those projects applied to the whole application.
 */
export function checkObjectives(descriptor: DrDescriptor): CheckOutcome {
  const { entityRef, tier, rtoMinutes, rpoMinutes, defaulted } = descriptor;
  const rto = formatDurationMinutes(rtoMinutes);
  const rpo = formatDurationMinutes(rpoMinutes);
  const where = { source: 'catalog' as const, object: entityRef };
  const fix = `Set ${ANNOTATION_TIER}, ${ANNOTATION_RTO} and ${ANNOTATION_RPO} on the catalog entity to the objectives agreed for this service (for example ${ANNOTATION_RTO}: ${rto}).`;

  const problems = descriptor.problems.filter(p =>
    OBJECTIVE_ANNOTATIONS.includes(p.annotation),
  );
  if (problems.length > 0) {
    const listed = problems
      .map(p => `${p.annotation}: ${p.message}`)
      .join('; ');
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `${listed}; assumed tier ${tier}, RTO ${rto}, RPO ${rpo}`,
      },
      fix,
    };
  }
  if (defaulted.includes('tier')) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `no ${ANNOTATION_TIER} annotation: assumed ${tier} (RTO ${rto}, RPO ${rpo})`,
      },
      fix,
    };
  }
  const assumed = (['rto', 'rpo'] as const).filter(key =>
    defaulted.includes(key),
  );
  if (assumed.length === 0) {
    return {
      status: 'pass',
      evidence: {
        ...where,
        observed: `declared: tier ${tier}, RTO ${rto}, RPO ${rpo}`,
      },
      fix,
    };
  }
  const which = assumed
    .map(key => (key === 'rto' ? `RTO ${rto}` : `RPO ${rpo}`))
    .join(' and ');
  if (tier === 'critical') {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `tier critical declared, but ${which} ${
          assumed.length > 1 ? 'are' : 'is'
        } the tier default, not agreed for this service`,
      },
      fix,
    };
  }
  return {
    status: 'pass',
    evidence: {
      ...where,
      observed: `tier ${tier} declared; ${which} ${
        assumed.length > 1 ? 'are' : 'is'
      } the ${tier} tier default (accepted below critical)`,
    },
    fix,
  };
}
