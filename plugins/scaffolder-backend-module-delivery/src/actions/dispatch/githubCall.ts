import { LoggerService } from '@backstage/backend-plugin-api';
import { sleep } from '../../kube/kubeCall';

interface GithubError {
  status?: number;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * One GitHub API call: a 429, or a 403 that is a rate limit (it carries Retry-After or
 * an exhausted x-ratelimit-remaining), waits as GitHub asks (at most a minute) and tries
 * again; anything else is the caller's.
 */
export async function githubCall<T>(
  what: string,
  fn: () => Promise<T>,
  options: {
    logger: LoggerService;
    signal?: AbortSignal;
    maxAttempts?: number;
  },
): Promise<T> {
  const attempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const { status, response } = error as GithubError;
      const headers = response?.headers ?? {};
      const limited =
        status === 429 ||
        (status === 403 &&
          (headers['retry-after'] !== undefined ||
            headers['x-ratelimit-remaining'] === '0'));
      if (!limited || attempt >= attempts) throw error;
      const retryAfter = Number(headers['retry-after']);
      const reset = Number(headers['x-ratelimit-reset']) * 1000 - Date.now();
      const waitMs = Math.min(
        60_000,
        Math.max(
          1000,
          Number.isFinite(retryAfter) ? retryAfter * 1000 : reset || 1000,
        ),
      );
      options.logger.warn(
        `${what}: GitHub is rate limiting (${status}); trying again in ${Math.round(
          waitMs / 1000,
        )}s`,
      );
      await sleep(waitMs, options.signal);
    }
  }
}
