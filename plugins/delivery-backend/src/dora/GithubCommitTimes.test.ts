import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GithubCommitTimes } from './GithubCommitTimes';

const API = 'https://api.github.com/repos/acme/payments';
const COMMIT = 'f00dfeed'.repeat(5);

describe('GithubCommitTimes', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let requests: string[];
  let clock: number;
  beforeEach(() => {
    requests = [];
    clock = 0;
    server.events.on('request:start', ({ request }) => {
      requests.push(new URL(request.url).pathname);
    });
  });
  afterEach(() => server.events.removeAllListeners());

  const times = () =>
    new GithubCommitTimes(
      [{ host: 'github.com', apiBaseUrl: 'https://api.github.com' }],
      { getCredentials: async () => ({ type: 'token', token: 'ghp_x' }) },
      mockServices.logger.mock(),
      () => clock,
    );
  const commit = http.get(`${API}/commits/${COMMIT}`, () =>
    HttpResponse.json({
      commit: { committer: { date: '2026-03-01T10:00:00Z' } },
    }),
  );

  it('follows an annotated tag, tried with a v in front, to its commit, and caches the answer', async () => {
    server.use(
      commit,
      http.get(`${API}/git/ref/tags%2F1.4.2`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
      http.get(`${API}/git/ref/tags%2Fv1.4.2`, () =>
        HttpResponse.json({ object: { type: 'tag', sha: 'tagobject' } }),
      ),
      http.get(`${API}/git/tags/tagobject`, () =>
        HttpResponse.json({ object: { type: 'commit', sha: COMMIT } }),
      ),
    );
    const lookUp = times();
    const image = 'ghcr.io/acme/payments:1.4.2';
    const first = await lookUp.commitsOf('acme/payments', [image, image]);
    expect(first.get(image)).toEqual({ committedAt: '2026-03-01T10:00:00Z' });
    expect(requests).toHaveLength(4);
    await lookUp.commitsOf('acme/payments', [image]);
    expect(requests).toHaveLength(4);
    // A tag can move: asked again after an hour.
    clock += 61 * 60 * 1000;
    await lookUp.commitsOf('acme/payments', [image]);
    expect(requests).toHaveLength(8);
  });

  it('reads a sha tag as the commit itself, and tells a rate limit from a missing repository', async () => {
    server.use(commit);
    const lookUp = times();
    const sha = `ghcr.io/acme/payments:${COMMIT.slice(0, 40)}`;
    expect((await lookUp.commitsOf('acme/payments', [sha])).get(sha)).toEqual({
      committedAt: '2026-03-01T10:00:00Z',
    });

    server.use(
      http.get(`${API}/commits/:ref`, () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded' },
          { status: 403, headers: { 'x-ratelimit-remaining': '0' } },
        ),
      ),
    );
    const limited = 'ghcr.io/acme/payments:abcdef1';
    expect(
      (await lookUp.commitsOf('acme/payments', [limited])).get(limited),
    ).toEqual({
      unknown:
        'GitHub rate limit reached; lead time will be looked up again in a few minutes',
    });
    const digest = `ghcr.io/acme/payments@sha256:${'a'.repeat(64)}`;
    expect(
      (await lookUp.commitsOf('acme/payments', [digest])).get(digest),
    ).toEqual({
      unknown: 'the image is pinned by digest, which names no commit',
    });
  });

  it('says why nothing can be looked up for a service without a repository', () => {
    expect(times().unavailable(undefined)).toMatch(/github.com\/project-slug/);
    expect(times().unavailable('not a slug')).toMatch(/not owner\/repository/);
    expect(times().unavailable('acme/payments')).toBeUndefined();
  });
});
