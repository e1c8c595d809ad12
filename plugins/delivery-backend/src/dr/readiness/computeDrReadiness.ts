import { checkBackup } from './checks/backup';
import { checkDrill } from './checks/drill';
import { checkDrRegion } from './checks/drRegion';
import { checkHpaMinimum } from './checks/hpa';
import { checkObjectives } from './checks/objectives';
import type { CheckOutcome } from './checks/outcome';
import { checkPdb } from './checks/pdb';
import { checkProbes } from './checks/probes';
import { checkReplication } from './checks/replication';
import { checkRunbook } from './checks/runbook';
import { checkZoneSpread } from './checks/zones';
import type { DrEvidence } from './evidence';
import {
  DR_CHECK_IDS,
  DR_CHECK_TITLES,
  DR_CHECK_WEIGHTS,
  DrCheck,
  DrCheckId,
  DrDescriptor,
  drGrade,
  DrNotApplicable,
  DrReadiness,
} from '@internal/backstage-plugin-delivery-common';

/** Checks about the service's data; they do not apply to a service without a database. */
const DATABASE_CHECKS: readonly DrCheckId[] = ['db-replication', 'backup'];

/** Why a check missing from a tier's weights does not apply. */
const TIER_REASONS: Record<DrDescriptor['tier'], string> = {
  critical: 'not scored for the critical tier',
  standard: 'not scored for the standard tier',
  experimental:
    'experimental tier: no disaster recovery is expected (no standby, replica, backup schedule or drill), only the availability basics',
};

const NO_DATABASE =
  'no database: the service depends on no database, so it has no data to replicate or back up';

/**
 * Derives a service's DR readiness from its descriptor and the evidence the backend
 * gathered. Pure and deterministic: `now` (ms since the epoch) is the only clock, and the
 * same inputs give the same answer.
 *
 * The score is the weighted share of passing checks over the applicable ones (0–100,
 * rounded down so that 100 means every check passed). Unknown checks count as not passing
 * and are totalled apart in `weights.unknown`. Checks that do not apply to the tier, or
 * the database checks of a service without a database, are listed in `notApplicable` and
 * take no part in the score.
 * @public
 */
export function computeDrReadiness(
  descriptor: DrDescriptor,
  evidence: DrEvidence,
  now: number,
): DrReadiness {
  const evaluate: Record<DrCheckId, () => CheckOutcome> = {
    objectives: () => checkObjectives(descriptor),
    'dr-region': () => checkDrRegion(descriptor, evidence.standby),
    'db-replication': () => checkReplication(descriptor, evidence.replication),
    backup: () => checkBackup(descriptor, evidence.backups, now),
    drill: () => checkDrill(descriptor, evidence.drills, now),
    pdb: () => checkPdb(evidence.production),
    'hpa-min': () => checkHpaMinimum(evidence.production),
    probes: () => checkProbes(evidence.production),
    'zone-spread': () => checkZoneSpread(evidence.production),
    runbook: () => checkRunbook(descriptor),
  };
  const tierWeights = DR_CHECK_WEIGHTS[descriptor.tier];

  const checks: DrCheck[] = [];
  const notApplicable: DrNotApplicable[] = [];
  for (const id of DR_CHECK_IDS) {
    const title = DR_CHECK_TITLES[id];
    const weight = tierWeights[id];
    if (weight === undefined) {
      notApplicable.push({ id, title, reason: TIER_REASONS[descriptor.tier] });
    } else if (!evidence.hasDatabase && DATABASE_CHECKS.includes(id)) {
      notApplicable.push({ id, title, reason: NO_DATABASE });
    } else {
      checks.push({ id, title, ...evaluate[id](), weight });
    }
  }

  const weights = { pass: 0, fail: 0, unknown: 0 };
  for (const check of checks) weights[check.status] += check.weight;
  const total = weights.pass + weights.fail + weights.unknown;
  const score = total === 0 ? 0 : Math.floor((100 * weights.pass) / total);

  return {
    entityRef: descriptor.entityRef,
    tier: descriptor.tier,
    rtoMinutes: descriptor.rtoMinutes,
    rpoMinutes: descriptor.rpoMinutes,
    score,
    grade: drGrade(score),
    checks,
    notApplicable,
    weights,
    evaluatedAt: new Date(now).toISOString(),
  };
}
