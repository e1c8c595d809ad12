/** What @octokit/request's RequestError carries, as far as a message needs it. */
interface GithubRequestError {
  name?: string;
  status?: number;
  message?: string;
  response?: {
    headers: Record<string, string | number | undefined>;
    data?: unknown;
  };
}

/**
 * The error a failed GitHub call ends the step with: `what` was being done, and whether
 * GitHub's rate limit, its secondary rate limit or a missing permission stopped it (they
 * need different fixes), with GitHub's own message.
 */
export function githubFailure(what: string, error: unknown): Error {
  const { name, status, message, response } = error as GithubRequestError;
  if (name === 'AbortError') return error as Error;
  const data = response?.data as { message?: unknown } | undefined;
  const said =
    typeof data?.message === 'string' ? data.message : message ?? String(error);
  const fail = (text: string) =>
    new Error(`${what}: ${text}`, { cause: error });
  if (!response) return fail(`GitHub could not be reached (${said})`);
  const header = (key: string) => response.headers[key];
  if (
    (status === 403 || status === 429) &&
    String(header('x-ratelimit-remaining')) === '0'
  ) {
    const reset = Number(header('x-ratelimit-reset'));
    return fail(
      `GitHub's API rate limit for the integration's token is used up${
        Number.isFinite(reset) && reset > 0
          ? ` until ${new Date(reset * 1000).toISOString()}`
          : ''
      } (HTTP ${status}); run the task again after that`,
    );
  }
  if (status === 429 || (status === 403 && /secondary rate/i.test(said))) {
    const retryAfter = header('retry-after');
    return fail(
      `GitHub's secondary rate limit refused the request (HTTP ${status}${
        retryAfter !== undefined ? `, retry after ${retryAfter}s` : ''
      }): ${said}`,
    );
  }
  if (status === 401)
    return fail(`GitHub rejected the integration's token (HTTP 401): ${said}`);
  if (status === 403)
    return fail(
      `GitHub denied permission (HTTP 403): ${said}; the GitHub integration's token needs write access to the repository's Actions`,
    );
  if (status === 404)
    return fail(
      `GitHub found nothing there (HTTP 404): ${said}; check the repository and workflow, and that the integration's token can see them`,
    );
  return fail(`GitHub answered HTTP ${status}: ${said}`);
}
