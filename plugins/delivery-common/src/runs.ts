/** @public */
export type DeliveryRunStatus =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'aborted'
  /** A blue-green or canary deploy waiting for promote or abort; the lock is released. */
  | 'paused';

/**
 * One recorded run of a delivery action, as the run history shows it.
 * @public
 */
export interface DeliveryRun {
  id: string;
  entityRef: string;
  environment: string;
  /** Action id, such as `deploy` or `rollback`. */
  action: string;
  status: DeliveryRunStatus;
  /** User entity ref of whoever started the run. */
  initiatedBy: string;
  taskId?: string;
  /** Inputs without secrets. */
  inputs: Record<string, unknown>;
  summary?: string;
  startedAt: string;
  finishedAt?: string;
  /** What the target looked like before the run (replicas, images, selector). */
  before?: unknown;
  /** What the target looked like after it. */
  after?: unknown;
}
