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
