export { runDeliveryAction, actionStep } from './runDeliveryAction';
export { ActionFailure, clusterNames } from './DeliveryActionSpec';
export type {
  ActionOutcome,
  ActionPlan,
  DeliveryActionDeps,
  DeliveryActionSpec,
} from './DeliveryActionSpec';
export {
  deliveryActionOutput,
  deliveryTargetInput,
  rolloutTimeoutInput,
} from './deliveryActionSchema';
export {
  deliveryTabUrl,
  readServiceEntity,
  checkEnvironment,
} from './resolveActionTarget';
export type { ActionReach, ActionTarget } from './resolveActionTarget';
export { AUDIT_POINTS, PREFLIGHT_CHECKS, noAuditSink } from './hooks';
export {
  auditorSink,
  DELIVERY_ACTION_EVENT,
  DELIVERY_CHANGE_EVENT,
} from './auditorSink';
export type {
  AuditEvent,
  AuditPoint,
  AuditSink,
  PreflightCheck,
  PreflightContext,
  PreflightFinding,
} from './hooks';
export { readOverrideReason } from './runPreflightChecks';
