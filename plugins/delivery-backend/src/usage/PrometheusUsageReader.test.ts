import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ClusterConnection } from '@internal/backstage-plugin-delivery-node';
import { Fleet } from '@internal/sandbox-fleet';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { ClusterCache } from '../cache/ClusterCache';
import {
  fleetConnections,
  startSeededFleet,
} from '../__testUtils__/seededFleet';
import {
  PrometheusUsageConfig,
  PrometheusUsageReader,
} from './PrometheusUsageReader';
import { USAGE_PROMETHEUS_TASK } from './scheduleUsageSampling';
import { startUsageCollection } from './startUsageCollection';
import { UsageStore } from './UsageStore';

jest.setTimeout(60_000);

const PRODUCTION_PROMETHEUS = 'http://prometheus.production.example.com:9090';
// One Prometheus (behind a path) holding several clusters: staging's series by label.
const SHARED_PROMETHEUS = 'http://thanos.example.com/prometheus';

const MINUTE = 60_000;
const MIB = 2 ** 20;
const at = (time: string) => Date.parse(`2026-11-24T${time}Z`);

/** One pod's series as the answer carries it: a value per instant, or none (absent). */
type PodSeries = {
  namespace: string;
  pod: string;
  value: (atMs: number) => number | undefined;
};

/** A matrix answer of `query_range`, evaluated at the instants the form asks for. */
function matrix(form: URLSearchParams, pods: PodSeries[]) {
  const start = Number(form.get('start')) * 1000;
  const end = Number(form.get('end')) * 1000;
  const step = Number(form.get('step')) * 1000;
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: pods
        .map(({ namespace, pod, value }) => {
          const values: Array<[number, string]> = [];
          for (let t = start; t <= end; t += step) {
            const v = value(t);
            if (v !== undefined) values.push([t / 1000, String(v)]);
          }
          return { metric: { namespace, pod }, values };
        })
        .filter(series => series.values.length),
    },
  };
}

describe('PrometheusUsageReader', () => {
  let fleet: Fleet;
  let cache: ClusterCache;
  let connections: ClusterConnection[];
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    connections = fleetConnections(fleet);
    cache = new ClusterCache(connections, mockServices.logger.mock(), {
      minBackoffMs: 100,
    });
    await cache.start();
  });
  afterAll(async () => {
    cache.stop();
    await fleet.stop();
  });

  // The cache's watches on the sandbox's clusters go through; Prometheus is answered here.
  const server = setupServer(
    http.all(/^https:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  registerMswTestHooks(server);

  /** Each query_range Prometheus was sent, by the Prometheus it was sent to. */
  let sent: Array<{ url: string; form: URLSearchParams; headers: Headers }>;
  beforeEach(() => {
    sent = [];
    logger = mockServices.logger.mock();
  });

  function prometheus(
    base: string,
    answer: (form: URLSearchParams) => Response | Promise<Response>,
  ) {
    server.use(
      http.post(`${base}/api/v1/query_range`, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        sent.push({ url: request.url, form, headers: request.headers });
        return answer(form);
      }),
    );
  }

  const isCpu = (form: URLSearchParams) =>
    form.get('query')!.includes('container_cpu_usage_seconds_total');

  /** Production's pms-app: its two pods now, and a pod of an older ReplicaSet, gone since. */
  function pmsApp() {
    const workloads = cache.workloads('production', 'pms-app')!;
    const [first, second] = workloads.pods;
    const running = workloads.replicaSets.find(
      rs => rs.uid === first.ownerUid,
    )!;
    const old = workloads.replicaSets.find(rs => rs.uid !== running.uid)!;
    return {
      namespace: first.namespace,
      first: first.name,
      second: second.name,
      gone: `${old.name}-x7k2p`,
    };
  }

  /**
   * Production's Prometheus: pms-app's pods at 250m + 200 MiB and 350m + 300 MiB at every
   * instant; the gone pod at 100m + 100 MiB before 09:30 only; an unlabelled pod of a
   * service the catalog does not have, which is never filed.
   */
  function productionAnswers() {
    const pms = pmsApp();
    const before0930 = (v: number) => (t: number) =>
      t < at('09:30:00') ? v : undefined;
    prometheus(PRODUCTION_PROMETHEUS, form =>
      HttpResponse.json(
        matrix(form, [
          {
            namespace: pms.namespace,
            pod: pms.first,
            value: () => (isCpu(form) ? 0.25 : 200 * MIB),
          },
          {
            namespace: pms.namespace,
            pod: pms.second,
            value: () => (isCpu(form) ? 0.35 : 300 * MIB),
          },
          {
            namespace: pms.namespace,
            pod: pms.gone,
            value: before0930(isCpu(form) ? 0.1 : 100 * MIB),
          },
          {
            namespace: pms.namespace,
            pod: 'billing-cron-5d9f8c7b4-qw2er',
            value: () => (isCpu(form) ? 2 : 4096 * MIB),
          },
        ]),
      ),
    );
    return pms;
  }

  const config = (
    clusters: PrometheusUsageConfig['clusters'],
  ): PrometheusUsageConfig => ({ clusters, stepSeconds: 60 });

  const productionOnly = config(
    new Map([
      ['production', { url: PRODUCTION_PROMETHEUS, bearerToken: 'prom-token' }],
    ]),
  );

  /** An hour's window at one poll a minute: 61 instants. */
  const newStore = () =>
    new UsageStore({ retentionMs: 60 * MINUTE, maxPolls: 61 });

  const namespacesIn = (cluster: string) =>
    [
      ...new Set(
        [...cache.services()].flatMap(service =>
          (cache.workloads(cluster, service)?.deployments ?? []).map(
            d => d.namespace,
          ),
        ),
      ),
    ].sort();

  it('asks for both metrics over the window, form-encoded, with the token', async () => {
    productionAnswers();
    const reader = new PrometheusUsageReader({
      config: productionOnly,
      cache,
      store: newStore(),
      logger,
    });
    await reader.read('production', at('10:02:10'));

    expect(sent).toHaveLength(2);
    const namespaces = namespacesIn('production');
    expect(namespaces).toContain(pmsApp().namespace);
    const selector = `{container!="",container!="POD",namespace=~"${namespaces.join(
      '|',
    )}"}`;
    const queries = sent.map(s => s.form.get('query')).sort();
    expect(queries).toEqual([
      `sum by (namespace, pod) (container_memory_working_set_bytes${selector})`,
      `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total${selector}[5m]))`,
    ]);
    for (const { url, form, headers } of sent) {
      expect(url).toBe(`${PRODUCTION_PROMETHEUS}/api/v1/query_range`);
      expect(headers.get('content-type')).toBe(
        'application/x-www-form-urlencoded',
      );
      expect(headers.get('authorization')).toBe('Bearer prom-token');
      // The window's first and last instant on the minute grid, an hour apart.
      expect(form.get('start')).toBe(String(at('09:02:00') / 1000));
      expect(form.get('end')).toBe(String(at('10:02:00') / 1000));
      expect(form.get('step')).toBe('60');
    }
  });

  it("files each instant's pods under their Deployment, summed per poll", async () => {
    const pms = productionAnswers();
    const store = newStore();
    const reader = new PrometheusUsageReader({
      config: productionOnly,
      cache,
      store,
      logger,
    });
    await reader.read('production', at('10:02:10'));

    const summary = store.summary(
      UsageStore.key('production', pms.namespace, 'pms-app'),
    )!;
    expect(summary.windowStart).toBe('2026-11-24T09:02:00.000Z');
    expect(summary.windowEnd).toBe('2026-11-24T10:02:00.000Z');
    // 61 instants of two pods, and the gone pod's 28 instants (09:02 to 09:29).
    expect(summary.sampleCount).toBe(61 * 2 + 28);
    expect(summary.replicas).toEqual({ min: 2, max: 3 });
    expect(summary.cpuMillicores.max).toBe(350);
    expect(summary.memoryBytes.max).toBe(300 * MIB);
    // Most instants have the two running pods: 250m + 350m.
    expect(summary.totalCpuMillicores!.p50).toBe(600);
    expect(summary.totalCpuMillicores!.p95).toBe(700);
    expect(summary.totalMemoryBytes!.p95).toBe(600 * MIB);
    // The pod of a service the catalog does not have is filed nowhere.
    expect(store.size()).toBe(1);
    expect(reader.lastRead('production')).toBe(at('10:02:00'));
  });

  it('backfills once, then asks only for the instants after the last one read', async () => {
    const pms = productionAnswers();
    const store = newStore();
    const reader = new PrometheusUsageReader({
      config: productionOnly,
      cache,
      store,
      logger,
    });
    await reader.read('production', at('10:02:10'));
    sent = [];
    await reader.read('production', at('10:05:30'));

    expect(sent).toHaveLength(2);
    for (const { form } of sent) {
      expect(form.get('start')).toBe(String(at('10:03:00') / 1000));
      expect(form.get('end')).toBe(String(at('10:05:00') / 1000));
    }
    const summary = store.summary(
      UsageStore.key('production', pms.namespace, 'pms-app'),
    )!;
    // The window moved on by three polls; the three oldest fell out of the hour.
    expect(summary.windowStart).toBe('2026-11-24T09:05:00.000Z');
    expect(summary.windowEnd).toBe('2026-11-24T10:05:00.000Z');
    expect(summary.sampleCount).toBe(61 * 2 + 25);

    // Within the same minute there is nothing new to ask for.
    sent = [];
    await reader.read('production', at('10:05:50'));
    expect(sent).toHaveLength(0);
  });

  it("selects a shared Prometheus's series by the cluster label", async () => {
    prometheus(SHARED_PROMETHEUS, form => HttpResponse.json(matrix(form, [])));
    const reader = new PrometheusUsageReader({
      config: config(
        new Map([
          [
            'staging',
            {
              url: SHARED_PROMETHEUS,
              clusterLabel: { name: 'cluster', value: 'eu-"staging"' },
            },
          ],
        ]),
      ),
      cache,
      store: newStore(),
      logger,
    });
    await reader.read('staging', at('10:02:10'));

    expect(sent).toHaveLength(2);
    for (const { url, form, headers } of sent) {
      expect(url).toBe(`${SHARED_PROMETHEUS}/api/v1/query_range`);
      expect(form.get('query')).toContain(
        `namespace=~"${namespacesIn('staging').join(
          '|',
        )}",cluster="eu-\\"staging\\""}`,
      );
      expect(headers.get('authorization')).toBeNull();
    }
  });

  describe('when a Prometheus fails', () => {
    const twoClusters = () =>
      config(
        new Map([
          ['production', { url: PRODUCTION_PROMETHEUS }],
          [
            'staging',
            {
              url: SHARED_PROMETHEUS,
              clusterLabel: { name: 'cluster', value: 'staging' },
            },
          ],
        ]),
      );

    /** Staging answers its pms-app pods; production fails as `failure` says. */
    async function readTwiceWith(
      failure: () => Response | Promise<Response>,
      timeoutMs?: number,
    ) {
      prometheus(PRODUCTION_PROMETHEUS, failure);
      const staging = cache.workloads('staging', 'pms-app')!.pods[0];
      prometheus(SHARED_PROMETHEUS, form =>
        HttpResponse.json(
          matrix(form, [
            {
              namespace: staging.namespace,
              pod: staging.name,
              value: () => (isCpu(form) ? 0.2 : 100 * MIB),
            },
          ]),
        ),
      );
      const store = newStore();
      const reader = new PrometheusUsageReader({
        config: twoClusters(),
        cache,
        store,
        logger,
        timeoutMs,
      });
      await expect(reader.readAll(at('10:02:10'))).resolves.toBeUndefined();
      await expect(reader.readAll(at('10:03:10'))).resolves.toBeUndefined();
      const warnings = logger.warn.mock.calls.map(call => String(call[0]));
      return {
        reader,
        warnings,
        staging: store.summary(
          UsageStore.key('staging', staging.namespace, 'pms-app'),
        ),
        production: store.summary(
          UsageStore.key('production', pmsApp().namespace, 'pms-app'),
        ),
      };
    }

    it('logs status "error" once with the cluster and files nothing from it', async () => {
      const { reader, warnings, staging, production } = await readTwiceWith(
        () =>
          HttpResponse.json({
            status: 'error',
            errorType: 'execution',
            error: 'query processing would load too many samples into memory',
          }),
      );
      expect(warnings).toEqual([
        `Delivery usage: cannot read Prometheus of cluster production (${PRODUCTION_PROMETHEUS}/api/v1/query_range answered status error: execution: query processing would load too many samples into memory); right-sizing has no new usage from there until it answers`,
      ]);
      expect(production).toBeUndefined();
      expect(reader.lastRead('production')).toBeUndefined();
      // The other cluster was read both times.
      expect(staging?.windowEnd).toBe('2026-11-24T10:03:00.000Z');
    });

    it('logs an HTTP 500 once, and asks for the whole window again next run', async () => {
      const { warnings, staging } = await readTwiceWith(() =>
        HttpResponse.json(
          {
            status: 'error',
            errorType: 'internal',
            error: 'storage unavailable',
          },
          { status: 500 },
        ),
      );
      expect(warnings).toEqual([
        expect.stringContaining(
          'cannot read Prometheus of cluster production (http://prometheus.production.example.com:9090/api/v1/query_range answered HTTP 500: storage unavailable)',
        ),
      ]);
      const productionStarts = sent
        .filter(s => s.url.startsWith(PRODUCTION_PROMETHEUS))
        .map(s => Number(s.form.get('start')) * 1000);
      expect(productionStarts).toEqual([
        at('09:02:00'),
        at('09:02:00'),
        at('09:03:00'),
        at('09:03:00'),
      ]);
      expect(staging).toBeDefined();
    });

    it('gives up on a Prometheus that does not answer in time, once logged', async () => {
      const { warnings, staging, production } = await readTwiceWith(
        () => new Promise<Response>(() => {}),
        200,
      );
      expect(warnings).toEqual([
        expect.stringContaining(
          'cannot read Prometheus of cluster production (http://prometheus.production.example.com:9090/api/v1/query_range: no answer within 0.2 s)',
        ),
      ]);
      expect(production).toBeUndefined();
      expect(staging).toBeDefined();
    });

    it('logs an unreachable Prometheus once', async () => {
      const { warnings, staging, production } = await readTwiceWith(() =>
        HttpResponse.error(),
      );
      expect(warnings).toEqual([
        expect.stringMatching(
          /^Delivery usage: cannot read Prometheus of cluster production \(http:\/\/prometheus\.production\.example\.com:9090\/api\/v1\/query_range: .+\); right-sizing has no new usage/,
        ),
      ]);
      expect(production).toBeUndefined();
      expect(staging).toBeDefined();
    });

    it('says when it answers again', async () => {
      let failing = true;
      prometheus(PRODUCTION_PROMETHEUS, form =>
        failing
          ? new HttpResponse('Bad gateway', { status: 502 })
          : HttpResponse.json(matrix(form, [])),
      );
      const reader = new PrometheusUsageReader({
        config: productionOnly,
        cache,
        store: newStore(),
        logger,
      });
      await reader.read('production', at('10:02:10'));
      failing = false;
      await reader.read('production', at('10:03:10'));
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('answered HTTP 502: Bad gateway'),
      );
      expect(logger.info).toHaveBeenCalledWith(
        'Delivery usage: Prometheus of cluster production answers again',
      );
      expect(reader.lastRead('production')).toBe(at('10:03:00'));
    });
  });

  it('reads the Prometheus clusters through the task and samples the others from metrics.k8s.io', async () => {
    const pms = productionAnswers();
    // metrics.k8s.io fails everywhere: only the clusters that are sampled say so.
    fleet.faults.add({
      verb: 'list',
      path: 'metrics.k8s.io',
      times: -1,
      action: { type: 'status', code: 404, message: 'not found' },
    });
    const scheduler = mockServices.scheduler();
    try {
      const store = await startUsageCollection({
        scheduler,
        logger,
        connections,
        cache,
        usage: {
          sampleSeconds: 300,
          retentionDays: 1,
          prometheus: productionOnly,
        },
        cacheStarted: Promise.resolve(),
      });
      await scheduler.triggerTask(USAGE_PROMETHEUS_TASK);
      await scheduler.triggerTask('delivery-usage-sample');

      // A day at one poll a minute, backfilled from the last full minute.
      const summary = store!.summary(
        UsageStore.key('production', pms.namespace, 'pms-app'),
      )!;
      expect(
        Date.parse(summary.windowEnd) - Date.parse(summary.windowStart),
      ).toBe(24 * 60 * MINUTE);
      const warnings = logger.warn.mock.calls.map(call => String(call[0]));
      const sampled = warnings.filter(w =>
        w.includes('cannot read metrics.k8s.io pods in'),
      );
      expect(sampled.length).toBe(connections.length - 1);
      expect(sampled.join('\n')).not.toContain('pods in production (');
    } finally {
      fleet.faults.clear();
    }
  });
});
