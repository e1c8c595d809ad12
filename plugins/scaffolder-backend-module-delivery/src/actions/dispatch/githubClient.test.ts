import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGithubClient } from './githubClient';
import { githubFailure } from './githubFailure';

const RUN = 'https://api.github.com/repos/acme/orders-api/actions/runs/42';
const DISPATCH =
  'https://api.github.com/repos/acme/orders-api/actions/workflows/delivery.yaml/dispatches';

/** Seconds from now as x-ratelimit-reset spells them (epoch seconds). */
const resetIn = (seconds: number) =>
  String(Math.floor(Date.now() / 1000) + seconds);

const primaryLimit = (status: 403 | 429, resetSeconds: number) =>
  HttpResponse.json(
    { message: 'API rate limit exceeded for installation ID 1.' },
    {
      status,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': resetIn(resetSeconds),
      },
    },
  );

const secondaryLimit = (status: 403 | 429, retryAfter?: number) =>
  HttpResponse.json(
    { message: 'You have exceeded a secondary rate limit.' },
    {
      status,
      headers:
        retryAfter === undefined ? {} : { 'retry-after': `${retryAfter}` },
    },
  );

const run = () => HttpResponse.json({ id: 42, status: 'completed' });

describe('createGithubClient', () => {
  const github = setupServer();
  beforeAll(() => github.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => github.resetHandlers());
  afterAll(() => github.close());

  /** GET runs/42 answers `answers` in turn, then the run; counts the requests. */
  function readAnswers(...answers: Array<() => Response>) {
    const seen = { requests: 0 };
    github.use(
      http.get(RUN, () => {
        seen.requests++;
        return (answers.shift() ?? run)();
      }),
    );
    return seen;
  }

  /**
   * A client whose waits are GitHub's in count and length, but a millisecond per second
   * asked for, so the test does not sleep through them.
   */
  function client() {
    const logger = mockServices.logger.mock();
    const octokit = createGithubClient({
      token: 'gh-test-token',
      logger,
      policy: { msPerSecond: 1 },
    });
    const warnings = () => logger.warn.mock.calls.map(([message]) => message);
    const readRun = () =>
      octokit.rest.actions
        .getWorkflowRun({ owner: 'acme', repo: 'orders-api', run_id: 42 })
        .catch(error => {
          throw githubFailure('reading workflow run 42', error);
        });
    return { octokit, warnings, readRun };
  }

  it.each([403, 429] as const)(
    'waits until the primary rate limit resets (%i), then reads',
    async status => {
      const seen = readAnswers(() => primaryLimit(status, 30));
      const { readRun, warnings } = client();
      await expect(readRun()).resolves.toMatchObject({ data: { id: 42 } });
      expect(seen.requests).toBe(2);
      expect(warnings()).toEqual([
        expect.stringMatching(
          /^GET \/repos\/\{owner\}\/\{repo\}\/actions\/runs\/\{run_id\}: GitHub's rate limit; trying again in 3[01]s as GitHub asks \(retry 1 of 3\)$/,
        ),
      ]);
    },
  );

  it.each([403, 429] as const)(
    'waits as long as Retry-After says on a secondary rate limit (%i)',
    async status => {
      const seen = readAnswers(() => secondaryLimit(status, 17));
      const { readRun, warnings } = client();
      await expect(readRun()).resolves.toMatchObject({ data: { id: 42 } });
      expect(seen.requests).toBe(2);
      expect(warnings()).toEqual([
        expect.stringContaining(
          "GitHub's secondary rate limit; trying again in 17s as GitHub asks (retry 1 of 3)",
        ),
      ]);
    },
  );

  it('waits a minute on a secondary rate limit without Retry-After', async () => {
    readAnswers(() => secondaryLimit(403));
    const { readRun, warnings } = client();
    await expect(readRun()).resolves.toMatchObject({ data: { id: 42 } });
    expect(warnings()).toEqual([
      expect.stringContaining('trying again in 60s as GitHub asks'),
    ]);
  });

  it('gives up after three rate-limit retries, naming the call and the limit', async () => {
    const seen = readAnswers(
      ...Array.from({ length: 10 }, () => () => secondaryLimit(429, 1)),
    );
    const { readRun, warnings } = client();
    await expect(readRun()).rejects.toThrow(
      "reading workflow run 42: GitHub's secondary rate limit refused the request (HTTP 429, retry after 1s): You have exceeded a secondary rate limit.",
    );
    expect(seen.requests).toBe(4);
    expect(warnings().at(-1)).toContain('not trying again after 3 retries');
  });

  it('does not wait for a primary limit that resets in more than a minute', async () => {
    const seen = readAnswers(() => primaryLimit(403, 3600));
    const { readRun, warnings } = client();
    await expect(readRun()).rejects.toThrow(
      /^reading workflow run 42: GitHub's API rate limit for the integration's token is used up until \d{4}-\d\d-\d\dT[\d:.]+Z \(HTTP 403\); run the task again after that$/,
    );
    expect(seen.requests).toBe(1);
    expect(warnings()).toEqual([
      expect.stringMatching(
        /GitHub's rate limit; not waiting the 360[01]s GitHub asks for \(more than 60s\)$/,
      ),
    ]);
  });

  it('tells a missing permission from a rate limit, and does not retry it', async () => {
    const seen = readAnswers(() =>
      HttpResponse.json(
        { message: 'Resource not accessible by integration' },
        { status: 403, headers: { 'x-ratelimit-remaining': '4999' } },
      ),
    );
    const { readRun, warnings } = client();
    await expect(readRun()).rejects.toThrow(
      "reading workflow run 42: GitHub denied permission (HTTP 403): Resource not accessible by integration; the GitHub integration's token needs write access to the repository's Actions",
    );
    expect(seen.requests).toBe(1);
    expect(warnings()).toEqual([]);
  });

  it('retries a read that failed with a 5xx a bounded number of times', async () => {
    const seen = readAnswers(
      ...Array.from(
        { length: 10 },
        () => () =>
          HttpResponse.json({ message: 'Server Error' }, { status: 502 }),
      ),
    );
    const { readRun } = client();
    await expect(readRun()).rejects.toThrow(
      'reading workflow run 42: GitHub answered HTTP 502: Server Error',
    );
    expect(seen.requests).toBe(4);
  });

  it('sends a dispatch once when GitHub answers 5xx, but again after a rate limit', async () => {
    const answers = [502, 429, 204];
    let requests = 0;
    github.use(
      http.post(DISPATCH, () => {
        requests++;
        const status = answers.shift();
        if (status === 429) return secondaryLimit(429, 1);
        return status === 204
          ? new HttpResponse(null, { status })
          : HttpResponse.json({ message: 'Server Error' }, { status });
      }),
    );
    const { octokit } = client();
    const dispatch = () =>
      octokit.rest.actions.createWorkflowDispatch({
        owner: 'acme',
        repo: 'orders-api',
        workflow_id: 'delivery.yaml',
        ref: 'main',
        request: { retries: 0 },
      });
    await expect(dispatch()).rejects.toMatchObject({ status: 502 });
    expect(requests).toBe(1);
    await expect(dispatch()).resolves.toMatchObject({ status: 204 });
    expect(requests).toBe(3);
  });
});
