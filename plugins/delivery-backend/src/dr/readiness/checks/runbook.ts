import {
  ANNOTATION_RUNBOOK,
  DrDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import type { CheckOutcome } from './outcome';

/**
 * Check 10: the entity links a runbook. Every seed that plans a recovery writes its steps
 * down (000's failover procedure, 001's recovery procedure, 003's DR runbook, 004's
 * operational runbooks); the link is how the on-call finds them.
 */
export function checkRunbook(descriptor: DrDescriptor): CheckOutcome {
  const url = descriptor.runbookUrl?.trim();
  const where = { source: 'catalog' as const, object: descriptor.entityRef };
  const fix = `Set ${ANNOTATION_RUNBOOK} to the URL of the service's runbook, failover steps included.`;
  if (!url) {
    return {
      status: 'fail',
      evidence: { ...where, observed: `no ${ANNOTATION_RUNBOOK} annotation` },
      fix,
    };
  }
  if (!/^https?:\/\/\S+$/.test(url)) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `${ANNOTATION_RUNBOOK} "${url}" is not an http(s) URL`,
      },
      fix,
    };
  }
  return {
    status: 'pass',
    evidence: { ...where, observed: `runbook at ${url}` },
    fix,
  };
}
