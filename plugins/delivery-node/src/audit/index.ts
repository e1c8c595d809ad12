export {
  REDACTED,
  isSecretKey,
  redactError,
  redactSecrets,
  redactText,
} from './redactSecrets';
export { changeSeverity, REFUSAL_SEVERITY } from './auditSeverity';
export { redactingAuditorServiceFactory } from './redactingAuditorServiceFactory';
