/**
 * Weights and thresholds of the DR readiness checks, by tier. Where a number comes from a
 * seed deployment document (/work/shared/seeds/), the comment names it:
 * - 000 PropertyOS: hot-standby DR region, active-active API services (RTO < 15 min,
 *   RPO < 5 min), async cross-region database replication, scripted failover that promotes
 *   the read replica and scales the DR deployments up; HPA minimums of 2 or more.
 * - 001 PMS: RTO < 4 h, RPO < 1 h, hourly incremental backups, DR site activated by
 *   applying manifests and restoring the latest snapshot (§8).
 * - 003 messaging: RTO 2 h, RPO 1 h, recovery by restoring the latest snapshot in a
 *   secondary region (DR runbook); API HPA minimum 3, probes on every container.
 * - 004 CapSight: no DR region, RTO/RPO or failover plan at all; operational runbooks only.
 */

import type { Tier } from '../tiers';
import type { DrCheckId, DrGrade } from './types';

/** Checklist titles. @public */
export const DR_CHECK_TITLES: Readonly<Record<DrCheckId, string>> = {
  objectives: 'Tier and recovery objectives declared',
  'dr-region': 'Runs in the DR region',
  'db-replication': 'Database replica within the RPO',
  backup: 'Last backup within the RPO',
  drill: 'Failover drill within 90 days and within the RTO',
  pdb: 'PodDisruptionBudget',
  'hpa-min': 'At least 2 replicas in production (HPA minimum)',
  probes: 'Liveness and readiness probes',
  'zone-spread': 'Spread across zones',
  runbook: 'Runbook link',
};

/**
 * The weight of each check by tier; a check missing from a tier does not apply to it.
 *
 * - critical (000): the standby DR region and the replicated database carry the most,
 *   because a 15-minute RTO is only met by failing over to something already running with
 *   data already there; the drill proves it; backups guard against what replication copies
 *   (a bad migration, a deletion), so they weigh less than replication.
 * - standard (003): recovery is "restore the database from the latest snapshot in the
 *   secondary region", so the backup weighs most, then the (pilot-light) DR region and the
 *   drill; a replica shortens the restore but is not the seed's recovery path.
 * - experimental (004, 001 §8.2): no DR expected. 004 runs without any DR plan, and 001
 *   rebuilds its DR site from manifests and a snapshot only when disaster strikes; the
 *   golden path gives experimental services no backup CronJob either. Only the
 *   availability hygiene that every seed's manifests carry is scored: probes (000, 001,
 *   002, 003) and a runbook (004's operational runbooks are its only recovery asset) most.
 *
 * Critical and standard sum to 100, so with every check applicable a check's weight is the
 * points it costs.
 * @public
 */
export const DR_CHECK_WEIGHTS: Readonly<
  Record<Tier, Readonly<Partial<Record<DrCheckId, number>>>>
> = {
  critical: {
    objectives: 5,
    'dr-region': 20,
    'db-replication': 20,
    backup: 10,
    drill: 15,
    pdb: 5,
    'hpa-min': 10,
    probes: 5,
    'zone-spread': 5,
    runbook: 5,
  },
  standard: {
    objectives: 5,
    'dr-region': 15,
    'db-replication': 10,
    backup: 20,
    drill: 15,
    pdb: 5,
    'hpa-min': 10,
    probes: 10,
    'zone-spread': 5,
    runbook: 5,
  },
  experimental: {
    objectives: 10,
    pdb: 10,
    'hpa-min': 10,
    probes: 30,
    'zone-spread': 10,
    runbook: 30,
  },
};

/**
 * A failover drill older than this fails. Quarterly, as the DR readiness issue asks; the
 * seeds only say "backup procedures tested" (002) and "backup verified" (001), with no
 * cadence of their own.
 * @public
 */
export const DR_DRILL_MAX_AGE_DAYS = 90;

/**
 * Minimum HPA minReplicas in production: a single replica is a single point of failure
 * during a node drain or zone loss. 000 sets 2 or more for every service but its optional
 * AI service, 002 and 003 set 3.
 * @public
 */
export const DR_MIN_PRODUCTION_REPLICAS = 2;

/**
 * Lowest score of each grade. Not from the seeds (they have no readiness scale) but from
 * the weights: `ready` allows losing only hygiene checks (at most 10 points), `at-risk`
 * one major DR gap such as a stale drill or a missing DR deployment (15–20 points), and
 * below 70 two or more such gaps make a service `not-ready`.
 * @public
 */
export const DR_GRADE_THRESHOLDS: Readonly<
  Record<Exclude<DrGrade, 'not-ready'>, number>
> = {
  ready: 90,
  'at-risk': 70,
};
