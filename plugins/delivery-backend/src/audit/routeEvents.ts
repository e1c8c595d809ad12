import { JsonObject } from '@backstage/types';
import {
  DeliveryRun,
  DrApproval,
  DrApprovalRequest,
  FinishRunRequest,
  StartRunRequest,
} from '@internal/backstage-plugin-delivery-common';
import { normalizeRef } from '../validation';
import { RouteAuditEvent } from './routeAudit';

/**
 * The audit events of the run store's and the approvals' writes: what was asked, of which
 * service, where. Who asked is the request's (the auditor's `actor`). docs/audit.md lists
 * them.
 */

/** The ref as the run store keeps it; as sent when it does not parse (the route refuses it). */
function canonical(entityRef: string): string {
  try {
    return normalizeRef(entityRef, 'entityRef');
  } catch {
    return entityRef;
  }
}

/** `run-start`: a Delivery action starts a run (and takes its lock). */
export function runStartEvent(body: StartRunRequest): RouteAuditEvent {
  return {
    eventId: 'run-start',
    environment: body.environment,
    meta: {
      ...(body.id ? { runId: body.id } : {}),
      entityRef: canonical(body.entityRef),
      environment: body.environment,
      action: body.action,
      ...(body.taskId ? { taskId: body.taskId } : {}),
      inputs: body.inputs as JsonObject,
      ...(body.extraLocks ? { extraLocks: body.extraLocks } : {}),
    },
  };
}

/** `run-finish`: a run ends (and its lock is released); `run` is undefined for an unknown id. */
export function runFinishEvent(
  runId: string,
  run: DeliveryRun | undefined,
  body: FinishRunRequest,
): RouteAuditEvent {
  return {
    eventId: 'run-finish',
    environment: run?.environment,
    meta: {
      runId,
      ...(run
        ? {
            entityRef: run.entityRef,
            environment: run.environment,
            action: run.action,
            initiatedBy: run.initiatedBy,
          }
        : {}),
      status: body.status,
      summary: body.summary,
    },
  };
}

/** `approval-request`: a production failover asks for a second member's approval. */
export function approvalRequestEvent(body: DrApprovalRequest): RouteAuditEvent {
  return {
    eventId: 'approval-request',
    environment: body.environment,
    meta: {
      approvalId: body.id,
      entityRef: canonical(body.entityRef),
      environment: body.environment,
      mode: body.mode,
      ...(body.taskId ? { taskId: body.taskId } : {}),
      reason: body.reason,
    },
  };
}

/** `failover-approval`: someone approves or rejects a waiting failover. */
export function approvalDecisionEvent(
  approval: DrApproval,
  decision: 'approve' | 'reject',
): RouteAuditEvent {
  return {
    eventId: 'failover-approval',
    environment: approval.environment,
    meta: {
      approvalId: approval.id,
      entityRef: approval.entityRef,
      environment: approval.environment,
      mode: approval.mode,
      requestedBy: approval.requestedBy,
      decision,
    },
  };
}
