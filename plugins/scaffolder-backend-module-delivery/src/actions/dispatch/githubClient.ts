import { LoggerService } from '@backstage/backend-plugin-api';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import {
  DEFAULT_GITHUB_RETRY_POLICY,
  GithubRetryPolicy,
  rateLimitHandler,
} from './githubRetryPolicy';
import { tooManyRequests } from './tooManyRequests';

/** plugin-retry's own list, plus 429: tooManyRequests retries it as GitHub asks. */
const DO_NOT_RETRY = [400, 401, 403, 404, 422, 429, 451];

const DeliveryOctokit = Octokit.plugin(throttling, tooManyRequests, retry);

/** @octokit/rest with GitHub's rate limits and transient errors waited out. */
export type GithubClient = InstanceType<typeof DeliveryOctokit>;

/**
 * An Octokit that paces its requests (plugin-throttling), waits out primary and
 * secondary rate limits as GitHub asks (Retry-After, x-ratelimit-reset) and retries
 * reads that failed with a 5xx (plugin-retry), all bounded by `policy`. Whatever is left
 * fails the call; describe it with githubFailure.
 */
export function createGithubClient(options: {
  token: string;
  baseUrl?: string;
  /** Where waits are announced: the step's log. */
  logger: LoggerService;
  /** Aborts a request in flight when the task is cancelled. */
  signal?: AbortSignal;
  policy?: Partial<GithubRetryPolicy>;
}): GithubClient {
  const policy = { ...DEFAULT_GITHUB_RETRY_POLICY, ...options.policy };
  const { logger } = options;
  return new DeliveryOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    request: {
      // The global fetch at call time (Node's, or a test's interceptor).
      fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
      signal: options.signal,
    },
    log: {
      debug: () => {},
      info: () => {},
      warn: message => logger.warn(message),
      // The request log's line per failed attempt: the step gets one named error instead.
      error: message => logger.debug(message),
    },
    throttle: {
      onRateLimit: rateLimitHandler('rate limit', policy, logger),
      onSecondaryRateLimit: rateLimitHandler(
        'secondary rate limit',
        policy,
        logger,
      ),
      retryAfterBaseValue: policy.msPerSecond,
    },
    retry: {
      doNotRetry: DO_NOT_RETRY,
      retries: policy.serverErrorRetries,
      retryAfterBaseValue: policy.msPerSecond,
    },
  });
}
