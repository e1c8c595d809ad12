import { LoggerService } from '@backstage/backend-plugin-api';

/** How long, and how often, calls to GitHub wait out its limits and errors. */
export interface GithubRetryPolicy {
  /** Rate-limit waits per request; the next limit fails the call. */
  rateLimitRetries: number;
  /** The longest wait GitHub may ask for; a longer one fails the call at once. */
  maxWaitSeconds: number;
  /** Retries of a read that failed with a 5xx or no answer (quadratic back-off). */
  serverErrorRetries: number;
  /**
   * Milliseconds per second of wait: 1000. Tests that script GitHub's limits lower it so
   * the same waits take milliseconds.
   */
  msPerSecond: number;
}

export const DEFAULT_GITHUB_RETRY_POLICY: GithubRetryPolicy = {
  rateLimitRetries: 3,
  // GitHub asks for at least a minute after a secondary limit without Retry-After.
  maxWaitSeconds: 60,
  serverErrorRetries: 3,
  msPerSecond: 1000,
};

/** The request a limit handler is told about, as plugin-throttling passes it. */
interface LimitedRequest {
  method: string;
  url: string;
}

/**
 * A plugin-throttling handler: true to wait `retryAfter` seconds and send the request
 * again, false to let it fail. Logs either way, so the step's log says why it paused.
 */
export function rateLimitHandler(
  kind: 'rate limit' | 'secondary rate limit',
  policy: GithubRetryPolicy,
  logger: LoggerService,
) {
  return (
    retryAfter: number,
    request: LimitedRequest,
    _octokit: unknown,
    retryCount: number,
  ): boolean => {
    const what = `${request.method} ${request.url}: GitHub's ${kind}`;
    if (retryCount >= policy.rateLimitRetries) {
      logger.warn(
        `${what}; not trying again after ${policy.rateLimitRetries} retries`,
      );
      return false;
    }
    if (retryAfter > policy.maxWaitSeconds) {
      logger.warn(
        `${what}; not waiting the ${retryAfter}s GitHub asks for (more than ${policy.maxWaitSeconds}s)`,
      );
      return false;
    }
    logger.warn(
      `${what}; trying again in ${retryAfter}s as GitHub asks (retry ${
        retryCount + 1
      } of ${policy.rateLimitRetries})`,
    );
    return true;
  };
}
