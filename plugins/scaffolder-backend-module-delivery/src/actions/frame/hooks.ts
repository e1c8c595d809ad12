import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { gitopsOwnerCheck } from '../../preflight/gitopsOwnerCheck';
import { rolloutInProgressCheck } from '../../preflight/rolloutInProgressCheck';
import type { ActionPlan, DeliveryActionDeps } from './DeliveryActionSpec';
import { freezeWindowCheck } from '../../preflight/freezeWindow';
import { imagePolicyCheck } from '../../preflight/imagePolicy';
import { promotionGateCheck } from '../../preflight/promotionGate';

/**
 * The frame's extension points, all in this file: the preflight checks every action meets
 * before anything changes, and the audit points where an action's events are emitted.
 */

/** What a preflight check sees: the action, its target and state, who started it. */
export interface PreflightContext {
  /** The run history's name for the action: deploy, scale, failover, ... */
  action: string;
  plan: ActionPlan;
  /** The inputs the run records (no secrets): the image of a deploy, the replicas of a scale. */
  recordedInputs: JsonObject;
  credentials: BackstageCredentials;
  /** The scaffolder task; a recovered task finds its own run still running. */
  taskId: string;
  /**
   * True for an action that only reads (it records no run, e.g. migration status): a check
   * about conflicting changes has nothing to guard then.
   */
  readOnly: boolean;
  /** A check runs in a dry run too, so a dry run shows the refusal a real run would meet. */
  isDryRun: boolean;
  /** The time the checks are made against (freeze windows, the promotion gate's soak). */
  now: Date;
  logger: LoggerService;
  deps: DeliveryActionDeps;
}

/**
 * What a preflight check found. A check that passes says what it saw (`passed`); one that
 * refuses says why in words the user reads (`refusal`: the object, its state, what to do
 * instead). Either way `recorded` joins the run's recorded inputs under the check's name.
 */
export interface PreflightFinding {
  passed?: string;
  refusal?: string;
  /**
   * Whether the platform team may go ahead anyway: the task's `overrideReason` input,
   * from someone holding `delivery.preflight.override`, lets the action go on and the run
   * keeps the reason. Not overridable: a change that a GitOps controller would revert, an
   * image reference the policy refuses.
   */
  overridable?: boolean;
  recorded?: JsonObject;
}

/**
 * A check the frame runs after the action's own checks and before a dry run ends or a run
 * starts. It reads; it never changes anything. A malformed input is still an InputError
 * thrown at once, naming the field.
 */
export interface PreflightCheck {
  /** Its name in the task log and in the run's recorded inputs: `rollout-in-progress`. */
  name: string;
  /** The actions it applies to (run history names); every action when left out. */
  actions?: readonly string[];
  check(context: PreflightContext): Promise<PreflightFinding>;
}

/**
 * The preflight checks, in the order they run. A check is added by adding an entry here.
 */
export const PREFLIGHT_CHECKS: readonly PreflightCheck[] = [
  // First: a GitOps-managed workload is refused outright, whatever else holds.
  gitopsOwnerCheck,
  rolloutInProgressCheck,
  freezeWindowCheck,
  imagePolicyCheck,
  promotionGateCheck,
];

/**
 * The named points where the frame emits an audit event, in the order a run passes them:
 * - `action-refused`: a check refused the action (target, environment, permission, the
 *   action's own checks, a preflight check, the lock); nothing was changed. `meta.inputs`,
 *   and the refusal as `error`.
 * - `run-started`: the run was recorded and the lock taken; changes follow. `meta.inputs`:
 *   the recorded inputs with what the checks found.
 * - `change-applied`: the action's change is in place. `meta.changes`: one line per object
 *   changed, `cluster/namespace/Kind/name: what before → after` (describeWorkloadChanges,
 *   and the lines the action adds for what the workloads do not show).
 * - `run-finished`: the run was recorded as succeeded or paused. `meta.status`, `summary`.
 * - `run-failed`: the run was recorded as failed or aborted (cancelled). `meta.status`,
 *   `summary`, `changes` (what differs from before, rolled back or not), and `error`.
 *
 * docs/audit.md says how the module's sink turns them into auditor events.
 */
export const AUDIT_POINTS = [
  'action-refused',
  'run-started',
  'change-applied',
  'run-finished',
  'run-failed',
] as const;

export type AuditPoint = (typeof AUDIT_POINTS)[number];

/**
 * One audit event: who did what where, and what the point adds. The frame passes every
 * string through the redaction (redactSecrets), so no token, password or URL user info
 * reaches a sink.
 */
export interface AuditEvent {
  point: AuditPoint;
  action: string;
  entityRef: string;
  environment: string;
  /** The user who started the task, as an entity ref. */
  initiatedBy: string;
  taskId: string;
  runId?: string;
  /** What the point adds: the recorded inputs, the changes, the outcome. */
  meta: JsonObject;
  /** Why the action was refused or the run failed (`action-refused`, `run-failed`). */
  error?: Error;
}

/** Where audit events go: the module's auditorSink, or a test's list. */
export interface AuditSink {
  emit(event: AuditEvent): Promise<void>;
}

/** A sink that keeps nothing, for a frame whose events nobody reads. */
export const noAuditSink: AuditSink = {
  async emit() {},
};
