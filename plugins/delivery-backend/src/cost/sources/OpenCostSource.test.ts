import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ClusterConnection,
  DEFAULT_PRICES,
} from '@internal/backstage-plugin-delivery-node';
import { ConfiguredPricesSource } from './ConfiguredPricesSource';
import { OpenCostSource } from './OpenCostSource';

const EAST = 'http://opencost.prod-us-east-1.example.com:9003';
// Behind a proxy that serves OpenCost under a path.
const WEST = 'http://gateway.example.com/opencost/prod-us-west-2';

const cluster = (name: string): ClusterConnection => ({
  name,
  url: `https://${name}.example.com`,
  environment: 'production',
  region: 'us-east-1',
  role: 'primary',
  sandbox: false,
});
const east = cluster('prod-us-east-1');
const west = cluster('prod-us-west-2');

const MINUTE = 60_000;

/** An allocation as OpenCost's JSON writes it, with the fields the source reads. */
function allocation(
  name: string,
  costs: { cpu: number; ram: number; pv: number; total: number | null },
  start = '2026-03-01T00:00:00Z',
  end = '2026-03-31T00:00:00Z',
) {
  return {
    name,
    properties: { cluster: 'prod-us-east-1' },
    window: { start: '2026-03-01T00:00:00Z', end: '2026-03-31T00:00:00Z' },
    start,
    end,
    cpuCoreRequestAverage: 0.5,
    ramByteRequestAverage: 536870912,
    cpuCost: costs.cpu,
    cpuCostAdjustment: 0,
    ramCost: costs.ram,
    ramCostAdjustment: 0,
    pvCost: costs.pv,
    pvCostAdjustment: 0,
    networkCost: 0.5,
    totalCost: costs.total,
  };
}

/** A 30-day accumulated set aggregated by the service label. */
const march = {
  code: 200,
  status: 'success',
  data: [
    {
      // 720 hours: x 730 / 720 to a month.
      'orders-api': allocation('orders-api', {
        cpu: 72,
        ram: 36,
        pv: 7.2,
        total: 115.7,
      }),
      // Deployed ten days before the end: 240 hours, x 730 / 240.
      'search-api': allocation(
        'search-api',
        { cpu: 24, ram: 12, pv: 0, total: 36 },
        '2026-03-21T00:00:00Z',
      ),
      // Ran for half an hour: too short to say what a month costs.
      'one-off': allocation(
        'one-off',
        { cpu: 0.1, ram: 0.05, pv: 0, total: 0.15 },
        '2026-03-30T00:00:00Z',
        '2026-03-30T00:30:00Z',
      ),
      // OpenCost writes a NaN figure as null.
      'broken-api': allocation('broken-api', {
        cpu: 1,
        ram: 1,
        pv: 0,
        total: null,
      }),
      __unallocated__: allocation('__unallocated__', {
        cpu: 500,
        ram: 200,
        pv: 0,
        total: 700,
      }),
      __idle__: allocation('__idle__', {
        cpu: 900,
        ram: 300,
        pv: 0,
        total: 1200,
      }),
    },
  ],
};

describe('OpenCostSource', () => {
  const server = setupServer();
  let requests: URL[];
  let now: number;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => {
    requests = [];
    now = Date.parse('2026-03-31T00:00:00Z');
    logger = mockServices.logger.mock();
  });
  afterEach(() => server.resetHandlers());

  function opencost(answer: () => Response | Promise<Response>) {
    const record = ({ request }: { request: Request }) => {
      requests.push(new URL(request.url));
      return answer();
    };
    server.use(
      http.get(`${EAST}/allocation`, record),
      http.get(`${WEST}/allocation`, record),
    );
  }

  function source(refreshMinutes = 60) {
    return new OpenCostSource({
      config: {
        clusters: new Map([
          [east.name, { baseUrl: EAST }],
          [west.name, { baseUrl: `${WEST}/` }],
        ]),
        aggregateLabel: 'backstage.io/kubernetes-id',
        window: '30d',
        refreshMinutes,
      },
      prices: new ConfiguredPricesSource({
        default: DEFAULT_PRICES,
        regions: new Map(),
        clusters: new Map(),
      }),
      logger,
      clock: () => now,
    });
  }

  it('asks for the window accumulated into one set, aggregated by the sanitised service label', async () => {
    opencost(() => HttpResponse.json(march));
    await source().allocations(east);
    await source().allocations(west);
    expect(requests.map(url => `${url.origin}${url.pathname}`)).toEqual([
      `${EAST}/allocation`,
      `${WEST}/allocation`,
    ]);
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      window: '30d',
      aggregate: 'label:backstage_io_kubernetes_id',
      accumulate: 'true',
    });
  });

  it("scales each service's spend to a month over the span it was measured", async () => {
    opencost(() => HttpResponse.json(march));
    const costs = await source().allocations(east);
    expect(costs).toEqual(
      new Map([
        [
          'orders-api',
          {
            cpu: 73,
            memory: 36.5,
            storage: 7.3,
            // OpenCost's total, network included: 115.7 x 730 / 720.
            total: 117.31,
            window: {
              start: '2026-03-01T00:00:00.000Z',
              end: '2026-03-31T00:00:00.000Z',
            },
          },
        ],
        [
          'search-api',
          {
            cpu: 73,
            memory: 36.5,
            storage: 0,
            total: 109.5,
            window: {
              start: '2026-03-21T00:00:00.000Z',
              end: '2026-03-31T00:00:00.000Z',
            },
          },
        ],
      ]),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'OpenCost of cluster prod-us-east-1 sent allocations without a usable cost or time span for broken-api; their measured cost shows as absent',
    );
  });

  it('queries a cluster once per refresh interval, however many read it', async () => {
    opencost(() => HttpResponse.json(march));
    const costs = source(60);
    const [first, second] = await Promise.all([
      costs.allocations(east),
      costs.allocations(east),
    ]);
    now += 59 * MINUTE;
    const third = await costs.allocations(east);
    expect(requests).toHaveLength(1);
    expect(second).toBe(first);
    expect(third).toBe(first);

    now += 2 * MINUTE;
    await costs.allocations(east);
    expect(requests).toHaveLength(2);
  });

  it('keeps clusters and windows apart', async () => {
    opencost(() => HttpResponse.json(march));
    const costs = source();
    await costs.allocations(east);
    await costs.allocations(west);
    await costs.allocations(east, '7d');
    await costs.allocations(east);
    expect(requests.map(url => url.searchParams.get('window'))).toEqual([
      '30d',
      '30d',
      '7d',
    ]);
  });

  it('does not ask about a cluster OpenCost is not configured for', async () => {
    opencost(() => HttpResponse.json(march));
    await expect(
      source().allocations(cluster('staging')),
    ).resolves.toBeUndefined();
    expect(requests).toHaveLength(0);
  });

  it.each([
    [
      'unreachable',
      () => HttpResponse.error(),
      // msw's network error; undici's own says "fetch failed (ECONNREFUSED)".
      'could not be read: Failed to fetch',
    ],
    [
      'an HTTP error',
      () => new HttpResponse('prometheus unavailable', { status: 503 }),
      `could not be read: ${EAST}/allocation answered HTTP 503: prometheus unavailable`,
    ],
    [
      'an error code in a 200 answer',
      () =>
        HttpResponse.json({
          code: 500,
          status: 'error',
          message: 'error computing allocation: bad window',
        }),
      `could not be read: ${EAST}/allocation answered code 500: error computing allocation: bad window`,
    ],
    [
      'something other than JSON',
      () => new HttpResponse('<html>login</html>', { status: 200 }),
      `could not be read: ${EAST}/allocation answered something other than JSON`,
    ],
  ])(
    'reads %s as absent, not zero, and logs it once',
    async (_, answer, logged) => {
      opencost(answer);
      const costs = source();
      await expect(costs.allocations(east)).resolves.toBeUndefined();
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(`OpenCost of cluster prod-us-east-1 ${logged}`),
      );

      // Not asked again on every read; tried again after five minutes, logged once.
      now += 4 * MINUTE;
      await expect(costs.allocations(east)).resolves.toBeUndefined();
      expect(requests).toHaveLength(1);
      now += 2 * MINUTE;
      await expect(costs.allocations(east)).resolves.toBeUndefined();
      expect(requests).toHaveLength(2);
      expect(logger.warn).toHaveBeenCalledTimes(1);
    },
  );

  it('answers again once OpenCost does', async () => {
    let up = false;
    opencost(() =>
      up
        ? HttpResponse.json(march)
        : new HttpResponse('starting', { status: 503 }),
    );
    const costs = source();
    await expect(costs.allocations(east)).resolves.toBeUndefined();
    up = true;
    now += 6 * MINUTE;
    expect((await costs.allocations(east))?.get('orders-api')?.total).toBe(
      117.31,
    );
    expect(logger.info).toHaveBeenCalledWith(
      'OpenCost of cluster prod-us-east-1 answers again',
    );
  });
});
