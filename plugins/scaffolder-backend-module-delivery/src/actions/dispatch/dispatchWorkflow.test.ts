import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { runTask } from '../../__testUtils__/runTask';
import {
  actionTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

const API = 'https://api.github.com/repos/acme/orders-api/actions';
const RUN_URL = 'https://github.com/acme/orders-api/actions/runs/42';

const ordersApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-api',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'acme/orders-api',
      'delivery/environments': 'staging,production',
    },
  },
  spec: { type: 'service', owner: 'group:default/x', lifecycle: 'production' },
};

/** GitHub's Actions API as msw answers it: the test scripts the run's states. */
describe('delivery:workflow:dispatch', () => {
  const github = setupServer();
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let dispatched: Array<{ body: any; authorization: string | null }> = [];

  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'bypass' });
    backend = await startDeliveryActionsBackend({
      templates: [
        actionTemplate('dispatch', 'delivery:workflow:dispatch', [
          'entityRef',
          'environment',
          'image',
          'repository',
        ]),
      ],
      extraEntities: [ordersApi],
      config: {
        integrations: {
          github: [{ host: 'github.com', token: 'gh-test-token' }],
        },
      },
    });
  });
  afterAll(async () => {
    github.close();
    await backend.fleet.stop();
  });
  afterEach(() => {
    github.resetHandlers();
    dispatched = [];
  });

  /** A dispatch that starts run 42, which goes through `states`, one per read. */
  function githubWith(
    states: Array<{ status: string; conclusion?: string }>,
    dispatchAnswers: number[] = [],
  ) {
    let listed = 0;
    github.use(
      http.post(
        `${API}/workflows/delivery.yaml/dispatches`,
        async ({ request: req }) => {
          const status = dispatchAnswers.shift();
          if (status === 429)
            return HttpResponse.json(
              { message: 'You have exceeded a secondary rate limit.' },
              { status: 429, headers: { 'retry-after': '1' } },
            );
          if (status === 403)
            return HttpResponse.json(
              { message: 'Resource not accessible by integration' },
              { status: 403, headers: { 'x-ratelimit-remaining': '4998' } },
            );
          dispatched.push({
            body: await req.json(),
            authorization: req.headers.get('authorization'),
          });
          return new HttpResponse(null, { status: 204 });
        },
      ),
      http.get(`${API}/workflows/delivery.yaml/runs`, () =>
        // The run shows up on the second look, as it does on GitHub.
        HttpResponse.json({
          total_count: listed > 0 ? 1 : 0,
          workflow_runs: listed++ > 0 ? [{ id: 42, html_url: RUN_URL }] : [],
        }),
      ),
      http.get(`${API}/runs/42`, () => {
        const state = states.length > 1 ? states.shift()! : states[0];
        return HttpResponse.json({
          id: 42,
          html_url: RUN_URL,
          status: state.status,
          conclusion: state.conclusion ?? null,
        });
      }),
    );
  }

  const history = () => backend.history('orders-api');

  const dispatch = (values: Record<string, unknown> = {}) =>
    runTask(backend.server, 'template:default/dispatch', {
      entityRef: 'component:default/orders-api',
      environment: 'staging',
      image: 'ghcr.io/acme/orders-api:2.0.0',
      ...values,
    });

  it('dispatches the workflow with the integration token, follows the run, reports its URL', async () => {
    githubWith([
      { status: 'queued' },
      { status: 'in_progress' },
      { status: 'completed', conclusion: 'success' },
    ]);
    const result = await dispatch();
    expect(result.status).toBe('completed');
    expect(dispatched).toEqual([
      {
        body: {
          ref: 'main',
          inputs: {
            environment: 'staging',
            image: 'ghcr.io/acme/orders-api:2.0.0',
          },
        },
        authorization: 'token gh-test-token',
      },
    ]);
    expect(result.log).toContain(`Workflow run ${RUN_URL}: in_progress`);
    expect(result.log).toContain(
      `Workflow run ${RUN_URL}: completed (success)`,
    );
    expect(result.log).not.toContain('gh-test-token');
    const [run] = await history();
    expect(run).toMatchObject({
      action: 'dispatch-workflow',
      status: 'succeeded',
    });
    expect(JSON.stringify(run)).not.toContain('gh-test-token');
  });

  it('fails with the run URL when the workflow fails', async () => {
    githubWith([{ status: 'completed', conclusion: 'failure' }]);
    const result = await dispatch();
    expect(result.status).toBe('failed');
    expect(result.log).toContain(`Workflow run ${RUN_URL} ended failure`);
    expect((await history())[0]).toMatchObject({ status: 'failed' });
  });

  it('waits as GitHub asks when it rate limits the dispatch', async () => {
    githubWith([{ status: 'completed', conclusion: 'success' }], [429]);
    const result = await dispatch();
    expect(result.log).toContain(
      "GitHub's secondary rate limit; trying again in 1s as GitHub asks (retry 1 of 3)",
    );
    expect(result.status).toBe('completed');
    expect(dispatched).toHaveLength(1);
  });

  it('fails naming the dispatch when the token may not run workflows', async () => {
    githubWith([{ status: 'completed', conclusion: 'success' }], [403]);
    const result = await dispatch();
    expect(result.status).toBe('failed');
    expect(result.log).toContain(
      "dispatch of delivery.yaml on acme/orders-api@main: GitHub denied permission (HTTP 403): Resource not accessible by integration; the GitHub integration's token needs write access to the repository's Actions",
    );
    expect(result.log).not.toContain('trying again');
    expect(dispatched).toEqual([]);
    expect((await history())[0]).toMatchObject({ status: 'failed' });
  });

  it('refuses a service without a repository, dispatching nothing', async () => {
    githubWith([{ status: 'completed', conclusion: 'success' }]);
    const result = await dispatch({
      entityRef: 'component:default/propertyos-frontend',
    });
    expect(result.status).toBe('failed');
    expect(result.log).toMatch(
      /repository: the service has no github.com\/project-slug annotation; name the repository/,
    );
    expect(dispatched).toEqual([]);
  });
});
