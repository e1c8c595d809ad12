import { Octokit as RestOctokit } from '@octokit/rest';

/** @octokit/core's Octokit, as a plugin receives it. */
type Octokit = Parameters<Parameters<typeof RestOctokit.plugin>[0]>[0];

type LimitHandler = (
  retryAfter: number,
  request: any,
  octokit: Octokit,
  retryCount: number,
) => unknown;

interface LimitedError {
  status?: number;
  response?: { headers: Record<string, string | number | undefined> };
}

interface Options {
  throttle?: {
    onRateLimit?: LimitHandler;
    onSecondaryRateLimit?: LimitHandler;
    fallbackSecondaryRateRetryAfter?: number;
  };
}

interface WithRetry {
  retry?: {
    retryRequest(error: unknown, retries: number, retryAfter: number): unknown;
  };
}

/**
 * Hands a 429 to the same `throttle` handlers plugin-throttling calls for a 403 rate limit.
 *
 * GitHub answers an exceeded limit with 403 or 429. The CommonJS line of
 * plugin-throttling (8.x, for @octokit/core 5) only recognises the 403; 429 support came
 * in 9.3, which is ESM-only. Without this, plugin-retry would retry a 429 on its own
 * fixed back-off, ignoring Retry-After and x-ratelimit-reset.
 *
 * The wait is computed as plugin-throttling computes it (x-ratelimit-reset for an
 * exhausted primary limit, else Retry-After or the secondary fallback) and carried out by
 * plugin-retry's `retryRequest`. Compose between the two:
 * `Octokit.plugin(throttling, tooManyRequests, retry)` with 429 in `retry.doNotRetry`, so
 * this error hook sees the 429 before plugin-retry's and plugin-retry does not add its
 * own back-off.
 */
export function tooManyRequests(octokit: Octokit, options: Options) {
  octokit.hook.error('request', async (error, request) => {
    const { status, response } = error as LimitedError;
    const throttle = options.throttle;
    const { retry } = octokit as Octokit & WithRetry;
    if (status !== 429 || !response || !throttle || !retry) throw error;
    const headers = response.headers;
    const retryCount = Number(request.request?.retryCount ?? 0);
    const primary = String(headers['x-ratelimit-remaining']) === '0';
    const retryAfter = primary
      ? Math.max(
          Math.ceil(
            (Number(headers['x-ratelimit-reset']) * 1000 - Date.now()) / 1000,
          ) + 1,
          0,
        )
      : Number(headers['retry-after']) ||
        (throttle.fallbackSecondaryRateRetryAfter ?? 60);
    const handler = primary
      ? throttle.onRateLimit
      : throttle.onSecondaryRateLimit;
    if (!(await handler?.(retryAfter, request, octokit, retryCount)))
      throw error;
    throw retry.retryRequest(error, retryCount + 1, retryAfter);
  });
}
