import type { LoggerService } from '@backstage/backend-plugin-api';

/** Options of the Kubernetes DR providers. @public */
export interface KubernetesDrProviderOptions {
  /** Where a primary cluster that cannot be read is reported. */
  logger?: LoggerService;
  /** How long one Kubernetes API call may take; default 10 s. */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
