import { ForwardedError, ServiceUnavailableError } from '@backstage/errors';

/** One AWS API call, as errors name it. */
export interface AwsCall {
  service: 'RDS' | 'Route 53' | 'CloudWatch';
  /** The API operation, e.g. `PromoteReadReplica`. */
  operation: string;
  /** What the call is about: an instance, cluster, record, change id or metric. */
  resource: string;
  region?: string;
}

type SdkError = Error & {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: { throttling?: boolean };
  code?: string;
};

// How Node and the SDK's HTTP handler report a region that does not answer.
const NETWORK_ERRORS = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// The codes the SDK's retry strategy treats as throttling (besides HTTP 429).
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'PriorRequestNotComplete',
]);

/** The SDK's own error behind an error from {@link callAws} (which keeps it as the cause). */
export function sdkErrorOf(error: unknown): SdkError | undefined {
  const original =
    error instanceof ForwardedError || error instanceof ServiceUnavailableError
      ? error.cause
      : error;
  return original instanceof Error ? (original as SdkError) : undefined;
}

function isThrottling(error: SdkError): boolean {
  return (
    THROTTLING_CODES.has(error.name) ||
    error.$metadata?.httpStatusCode === 429 ||
    error.$retryable?.throttling === true
  );
}

/** True when `error` (or the SDK error it wraps) is one of the named AWS error codes. */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  const sdkError = sdkErrorOf(error);
  return sdkError !== undefined && names.includes(sdkError.name);
}

/**
 * True when AWS could not be reached or failed on its side (a network error, a 5xx after the
 * SDK's retries): what a region outage looks like, as opposed to a refusal such as a
 * permission error, which must not be mistaken for a missing primary.
 */
export function isUnreachable(error: unknown): boolean {
  const sdkError = sdkErrorOf(error);
  if (!sdkError) {
    return false;
  }
  return (
    sdkError.$fault === 'server' ||
    NETWORK_ERRORS.has(sdkError.name) ||
    NETWORK_ERRORS.has(sdkError.code ?? '')
  );
}

function where(call: AwsCall): string {
  return `${call.service} ${call.operation} on ${call.resource}${
    call.region ? ` in ${call.region}` : ''
  }`;
}

/**
 * Runs one SDK call. The SDK client has already retried throttling and transient errors with
 * its own strategy; what reaches here failed for good, so the error says which operation on
 * which resource failed, and a throttle that outlasted the retries says so plainly.
 */
export async function callAws<T>(
  call: AwsCall,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const sdkError = sdkErrorOf(error);
    if (sdkError && isThrottling(sdkError)) {
      const attempts = sdkError.$metadata?.attempts;
      throw new ServiceUnavailableError(
        `AWS throttled ${where(call)}${
          attempts ? ` on all ${attempts} attempts` : ''
        } (${
          sdkError.name
        }); try again later or raise delivery.dr.aws.maxAttempts`,
        sdkError,
      );
    }
    throw new ForwardedError(`${where(call)} failed`, error);
  }
}
