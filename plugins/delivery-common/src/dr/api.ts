/** What the Delivery backend answers about DR. */

import type { DeliveryApiSchemas } from '../deliveryApi';
import type { DrFailoverRecord } from './failover';
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
 * A production failover waiting for a second member of the platform team, as the contract
 * defines it. Backstage has no approval step, so the failover action asks the Delivery
 * backend for one and waits.
 * @public
 */
export type DrApproval = DeliveryApiSchemas['DrApproval'];

/** `POST /api/delivery/approvals`: what the failover action sends. @public */
export type DrApprovalRequest = DeliveryApiSchemas['DrApprovalRequest'];
