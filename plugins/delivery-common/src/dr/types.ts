/**
 * The DR readiness of a service as the backend answers it and the frontend renders it:
 * plain JSON, every check self-describing (title, evidence, fix, weight).
 */

import type { DeliveryDescriptor } from '../descriptor';
import type { Tier } from '../tiers';

/**
 * The part of a service's descriptor the DR checks read: tier, objectives (and whether
 * they were defaulted), DR region and runbook.
 * @public
 */
export type DrDescriptor = Pick<
  DeliveryDescriptor,
  | 'entityRef'
  | 'tier'
  | 'rtoMinutes'
  | 'rpoMinutes'
  | 'drRegion'
  | 'runbookUrl'
  | 'defaulted'
  | 'problems'
>;

/**
 * The checks, in the order the checklist shows them.
 * @public
 */
export const DR_CHECK_IDS = [
  'objectives',
  'dr-region',
  'db-replication',
  'backup',
  'drill',
  'pdb',
  'hpa-min',
  'probes',
  'zone-spread',
  'runbook',
] as const;

/** @public */
export type DrCheckId = (typeof DR_CHECK_IDS)[number];

/**
 * `unknown` means the evidence was missing: it scores like a failure but is shown apart,
 * because the fix is to gather the evidence, not to change the service.
 * @public
 */
export type DrCheckStatus = 'pass' | 'fail' | 'unknown';

/**
 * Where evidence comes from: the catalog entity, a Kubernetes cluster object, a DR
 * provider, Velero, or the Delivery run store.
 * @public
 */
export type DrEvidenceSource =
  | 'catalog'
  | 'cluster'
  | 'dr-provider'
  | 'velero'
  | 'run-store';

/** What a check saw, where, and when. @public */
export interface DrCheckEvidence {
  /** What was observed (or found missing), in a sentence with the numbers that decided it. */
  observed: string;
  source: DrEvidenceSource;
  cluster?: string;
  namespace?: string;
  /** `Kind/name` of a cluster object, a provider's object id, a run id or an entity ref. */
  object?: string;
  provider?: string;
  /** When it was observed or happened (ISO), when known. */
  at?: string;
}

/** One line of the checklist. @public */
export interface DrCheck {
  id: DrCheckId;
  title: string;
  status: DrCheckStatus;
  evidence: DrCheckEvidence;
  /** How to make it pass, one concrete sentence; also shown on a soft pass. */
  fix: string;
  /** The check's weight for the service's tier (see `DR_CHECK_WEIGHTS`). */
  weight: number;
}

/** A check that does not apply to this service, and why; it is left out of the score. @public */
export interface DrNotApplicable {
  id: DrCheckId;
  title: string;
  reason: string;
}

/**
 * Grades of the overview's distribution chart, worst first.
 * @public
 */
export const DR_GRADES = ['not-ready', 'at-risk', 'ready'] as const;

/** @public */
export type DrGrade = (typeof DR_GRADES)[number];

/** One service's DR readiness. @public */
export interface DrReadiness {
  entityRef: string;
  tier: Tier;
  rtoMinutes: number;
  rpoMinutes: number;
  /** Weighted share of passing checks over applicable ones, 0–100, rounded down. */
  score: number;
  grade: DrGrade;
  /** Applicable checks, in `DR_CHECK_IDS` order. */
  checks: DrCheck[];
  notApplicable: DrNotApplicable[];
  /** Sum of the applicable checks' weights by status. */
  weights: Record<DrCheckStatus, number>;
  /** The `now` the derivation was made at (ISO); ages in the evidence are relative to it. */
  evaluatedAt: string;
}
