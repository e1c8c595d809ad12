import { mockApis } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { DeliveryClient } from './DeliveryClient';

const server = setupServer();

describe('DeliveryClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = new DeliveryClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('asks for runs of one entity with an encoded ref', async () => {
    let seen: URL | undefined;
    server.use(
      http.get('http://backstage.test/api/delivery/runs', ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [] });
      }),
    );
    await expect(
      client.listRuns({
        entityRef: 'component:default/payment-service',
        limit: 5,
      }),
    ).resolves.toEqual([]);
    expect(seen?.searchParams.get('entityRef')).toBe(
      'component:default/payment-service',
    );
    expect(seen?.searchParams.get('limit')).toBe('5');
  });

  it('expands the overview document into one row per service and cluster', async () => {
    server.use(
      http.get('http://backstage.test/api/delivery/overview', () =>
        HttpResponse.json({
          version: 3,
          generatedAt: '2026-11-23T10:00:00.000Z',
          clusters: [
            {
              name: 'production',
              environment: 'production',
              role: 'primary',
              sandbox: true,
              state: 'ok',
            },
          ],
          services: [
            {
              entityRef: 'component:default/payment-service',
              name: 'payment-service',
              owner: 'group:default/payments',
              tier: 'critical',
            },
          ],
          placements: [
            {
              service: 0,
              cluster: 0,
              state: 'progressing',
              summary: 'rolling out 2.0.0: 1/3 updated, 3 available',
              version: '2.0.0',
              ready: 3,
              desired: 3,
            },
          ],
        }),
      ),
    );
    const { rows } = await client.getOverview();
    expect(rows).toEqual([
      expect.objectContaining({
        name: 'payment-service',
        owner: 'group:default/payments',
        cluster: 'production',
        environment: 'production',
        state: 'progressing',
        version: '2.0.0',
      }),
    ]);
  });

  it('asks for the overview with the last ETag and keeps the same object while it is unchanged', async () => {
    const document = {
      version: 3,
      generatedAt: '2026-11-23T10:00:00.000Z',
      clusters: [],
      services: [],
      placements: [],
    };
    const conditions: (string | null)[] = [];
    let etag = '"v1"';
    server.use(
      http.get('http://backstage.test/api/delivery/overview', ({ request }) => {
        const asked = request.headers.get('If-None-Match');
        conditions.push(asked);
        if (asked === etag) return new HttpResponse(null, { status: 304 });
        return HttpResponse.json(document, { headers: { ETag: etag } });
      }),
    );
    const fresh = new DeliveryClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    const first = await fresh.getOverview();
    const unchanged = await fresh.getOverview();
    etag = '"v2"';
    const changed = await fresh.getOverview();
    expect(conditions).toEqual([null, '"v1"', '"v1"']);
    expect(unchanged).toBe(first);
    expect(changed).not.toBe(first);
    expect(changed).toEqual(first);
  });

  it('asks for the changes since a cursor, encoded, and returns the answer as sent', async () => {
    let seen: URL | undefined;
    const answer = {
      cursor: 'next',
      full: false,
      generatedAt: '2026-12-07T10:00:00.000Z',
      clusters: [],
      services: [],
      placements: [],
      removed: ['component:default/gone'],
    };
    server.use(
      http.get(
        'http://backstage.test/api/delivery/overview/changes',
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json(answer);
        },
      ),
    );
    const changes = await client.getOverviewChanges({ cursor: 'a+b/c=' });
    expect(seen?.searchParams.get('cursor')).toBe('a+b/c=');
    expect(changes).toEqual(answer);
  });

  it("asks for one entity's DR readiness with an encoded ref and returns the answer as sent", async () => {
    let seen: URL | undefined;
    const answer = {
      readiness: {
        entityRef: 'component:default/payment-service',
        tier: 'critical',
        rtoMinutes: 15,
        rpoMinutes: 5,
        score: 75,
        grade: 'at-risk',
        checks: [],
        notApplicable: [],
        weights: { pass: 75, fail: 5, unknown: 20 },
        evaluatedAt: '2026-11-23T10:00:00.000Z',
      },
      trend: [{ day: '2026-11-23', score: 75, grade: 'at-risk' }],
      failovers: [],
    };
    server.use(
      http.get('http://backstage.test/api/delivery/dr', ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json(answer);
      }),
    );
    await expect(
      client.getDrReadiness({ entityRef: 'component:default/payment-service' }),
    ).resolves.toEqual(answer);
    expect(seen?.searchParams.get('entityRef')).toBe(
      'component:default/payment-service',
    );
  });

  it('surfaces a DR readiness refusal as a ResponseError with the backend message', async () => {
    server.use(
      http.get('http://backstage.test/api/delivery/dr', () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/gone',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getDrReadiness({ entityRef: 'component:default/gone' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { message: 'No entity component:default/gone' } },
    });
  });

  it("asks for one entity's cost with an encoded ref and returns the answer as sent", async () => {
    let seen: URL | undefined;
    const answer = {
      entityRef: 'component:default/payment-service',
      source: 'configured',
      monthly: { current: 143.1, atMin: 98.57, atMax: 224.13 },
      clusters: [],
      budget: {
        status: 'under',
        budget: {
          scope: 'service',
          owner: 'component:default/payment-service',
          amountUsd: 150,
        },
        month: '2026-02',
        actualUsd: 41.4,
        forecastUsd: 130.79,
        headroomUsd: 19.21,
      },
      trend: [{ day: '2026-02-10', monthlyUsd: 143.1 }],
      generatedAt: '2026-02-11T09:30:00.000Z',
    };
    server.use(
      http.get('http://backstage.test/api/delivery/cost', ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json(answer);
      }),
    );
    await expect(
      client.getCost({ entityRef: 'component:team-a/payment service' }),
    ).resolves.toEqual(answer);
    expect(seen?.searchParams.get('entityRef')).toBe(
      'component:team-a/payment service',
    );
    expect(seen?.search).toBe(
      '?entityRef=component%3Ateam-a%2Fpayment+service',
    );
  });

  it('surfaces a cost refusal as a ResponseError with the backend message', async () => {
    server.use(
      http.get('http://backstage.test/api/delivery/cost', () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'entityRef "payments" is not a valid entity ref',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      client.getCost({ entityRef: 'payments' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: {
        error: { message: 'entityRef "payments" is not a valid entity ref' },
      },
    });
  });

  it('reads the prices the form estimate uses and returns them as sent', async () => {
    const answer = {
      source: 'configured',
      environments: [
        {
          environment: 'production',
          cluster: 'dr-west',
          role: 'dr',
          prices: {
            vcpuHour: 0.05,
            gibHour: 0.005,
            storageGibMonth: 0.12,
            discounts: { spot: 0.65, reserved: 0.4 },
          },
          purchase: 'spot',
        },
      ],
    };
    server.use(
      http.get('http://backstage.test/api/delivery/cost/prices', () =>
        HttpResponse.json(answer),
      ),
    );
    await expect(client.getCostPrices()).resolves.toEqual(answer);
  });

  it('surfaces a prices failure as a ResponseError with the backend message', async () => {
    server.use(
      http.get('http://backstage.test/api/delivery/cost/prices', () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'No cost prices are configured' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    await expect(client.getCostPrices()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
      body: { error: { message: 'No cost prices are configured' } },
    });
  });

  it('lists the approval requests of one entity', async () => {
    let seen: URL | undefined;
    const pending = {
      id: '0b0c2f8e-6f0a-4a53-9a38-2f5e1d1c9a01',
      entityRef: 'component:default/payment-service',
      environment: 'production',
      mode: 'switchover',
      requestedBy: 'user:default/alice',
      reason: 'Planned move to the DR region',
      requestedAt: '2026-11-25T10:00:00.000Z',
      expiresAt: '2026-11-25T10:30:00.000Z',
      status: 'pending',
    };
    server.use(
      http.get(
        'http://backstage.test/api/delivery/approvals',
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json({ items: [pending] });
        },
      ),
    );
    await expect(
      client.listApprovals({ entityRef: 'component:default/payment-service' }),
    ).resolves.toEqual([pending]);
    expect(seen?.searchParams.get('entityRef')).toBe(
      'component:default/payment-service',
    );
  });

  it('posts a decision as JSON, and surfaces a refusal with the backend message', async () => {
    let sent: unknown;
    server.use(
      http.post(
        'http://backstage.test/api/delivery/approvals/:id/decision',
        async ({ request, params }) => {
          sent = await request.json();
          if (params.id === 'taken') {
            return HttpResponse.json(
              {
                error: {
                  name: 'ConflictError',
                  message: 'This approval request was already approved',
                },
                response: { statusCode: 409 },
              },
              { status: 409 },
            );
          }
          return HttpResponse.json({ id: params.id, status: 'approved' });
        },
      ),
    );
    await expect(
      client.decideApproval({ id: 'a1', decision: 'approve' }),
    ).resolves.toEqual({ id: 'a1', status: 'approved' });
    expect(sent).toEqual({ decision: 'approve' });
    await expect(
      client.decideApproval({ id: 'taken', decision: 'reject' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      body: {
        error: { message: 'This approval request was already approved' },
      },
    });
  });

  it('turns an error answer into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get('http://backstage.test/api/delivery/health', () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getHealth()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });
});
