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
