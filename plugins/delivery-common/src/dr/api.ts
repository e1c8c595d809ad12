/** What the Delivery backend answers about DR. */

import type { DrFailoverMode, DrFailoverRecord } from './failover';
import type { DrGrade, DrReadiness } from './types';

/** One day's readiness from the daily snapshot. @public */
export interface DrTrendPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  score: number;
  grade: DrGrade;
}

/** `GET /api/delivery/dr?entityRef=`. @public */
export interface DrReadinessAnswer {
  readiness: DrReadiness;
  /** Daily snapshots, oldest first, at most 90. */
  trend: DrTrendPoint[];
  /** The service's failover runs (drills included), newest first, at most 10. */
  failovers: DrFailoverRecord[];
}

/**
 * A production failover waiting for a second member of the platform team. Backstage has no
 * approval step, so the failover action asks the Delivery backend for one and waits.
 * @public
 */
export interface DrApproval {
  id: string;
  entityRef: string;
  environment: string;
  mode: DrFailoverMode;
  /** The scaffolder task that waits. */
  taskId?: string;
  requestedBy: string;
  /** Why, as the requester wrote it. */
  reason: string;
  requestedAt: string;
  expiresAt: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  decidedBy?: string;
  decidedAt?: string;
}
