/**
 * What a failover run records, so the run store can answer "when was the last drill and how
 * long did recovery take" and the DR card can show exactly where a failed one left things.
 */

import type { DeliveryRunStatus } from '../runs';

/** The action id failover runs are recorded under. @public */
export const FAILOVER_ACTION = 'failover';

/**
 * - `drill`: every pre-check and a timed switch of throwaway copies; nothing serving users changes.
 * - `switchover`: planned, no data loss: writers fenced, replica caught up, then promoted.
 * - `failover`: unplanned: promotes whatever the replica has (needs `acceptDataLoss` when lag exceeds the RPO).
 * @public
 */
export const DR_FAILOVER_MODES = ['drill', 'switchover', 'failover'] as const;

/** @public */
export type DrFailoverMode = (typeof DR_FAILOVER_MODES)[number];

/** The steps of a failover, in order. @public */
export const DR_FAILOVER_STEPS = [
  'pre-checks',
  'approval',
  'prepare',
  'fence',
  'catch-up',
  'promote',
  'dns',
  'scale-up',
  'verify',
  'clean-up',
] as const;

/** @public */
export type DrFailoverStepId = (typeof DR_FAILOVER_STEPS)[number];

/** One step as it ended. @public */
export interface DrFailoverStepRecord {
  id: DrFailoverStepId;
  status: 'done' | 'failed' | 'skipped' | 'rolled-back';
  /** How long it took. */
  seconds?: number;
  /** What happened, in a sentence with the numbers. */
  detail: string;
}

/**
 * Where each part stands at the end of a run: the thing to read after a failure after
 * promotion, when the run fails forward instead of going back.
 * @public
 */
export interface DrFailoverState {
  /** Which database accepts writes. */
  databasePrimary: 'primary' | 'dr' | 'unknown';
  /** Where the DNS record points. */
  dnsPointsTo: 'primary' | 'dr' | 'other' | 'unknown';
  /** Ready replicas of the service's Deployments on each side. */
  primaryReadyReplicas?: number;
  drReadyReplicas?: number;
}

/** A failover run's `after`. @public */
export interface DrFailoverOutcome {
  mode: DrFailoverMode;
  /**
   * Measured recovery time: from the first change (fence, or the drill copy's start) until
   * the DR side served healthily. Absent when it never did.
   */
  recoverySeconds?: number;
  /** Replication lag measured at the pre-checks (seconds). */
  lagSecondsAtStart?: number;
  /** Whether the run accepted losing the writes within that lag. */
  acceptedDataLoss?: boolean;
  steps: DrFailoverStepRecord[];
  state: DrFailoverState;
}

/** A failover run as the DR card lists it. @public */
export interface DrFailoverRecord {
  runId: string;
  mode: DrFailoverMode;
  status: DeliveryRunStatus;
  environment: string;
  initiatedBy: string;
  startedAt: string;
  finishedAt?: string;
  summary?: string;
  outcome?: DrFailoverOutcome;
}
