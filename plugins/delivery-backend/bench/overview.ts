/* eslint-disable no-console */
/**
 * bench:overview — the Delivery overview against the upstream Kubernetes backend, side by
 * side, on one machine. A sandbox fleet in its own process serves S synthetic services
 * over C clusters, each service in K of them (defaults 2,000 x 10 x 3).
 *
 *   A: @backstage/plugin-kubernetes-backend, asked for every service the way its entity
 *      page asks (POST /api/kubernetes/services/:id), measured on a sample and scaled up;
 *   B: the Delivery cluster cache and GET /api/delivery/overview.
 *
 *   yarn bench:overview [services] [clusters] [spread]
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { expandOverview } from '@internal/backstage-plugin-delivery-common';
import { ClusterCache } from '../src/cache/ClusterCache';
import { deliveryPlugin } from '../src/plugin';

const SERVICES = Number(process.argv[2] ?? 2000);
const CLUSTERS = Number(process.argv[3] ?? 10);
const SPREAD = Number(process.argv[4] ?? 3);
const UPSTREAM_SAMPLE = 50;
const CLIENTS = 10;
const REQUESTS_PER_CLIENT = 20;

const silentLogger = mockServices.rootLogger.factory({ level: 'error' });
const auth = mockCredentials.user.header();
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const gc = () => (global as any).gc?.();

async function startFleet(): Promise<{
  child: ChildProcess;
  admin: string;
  config: any;
}> {
  const out = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/cli.ts',
      '--no-catalog',
      '--quiet-controllers',
      '--synthetic',
      String(SERVICES),
      '--clusters',
      String(CLUSTERS),
      '--spread',
      String(SPREAD),
      '--admin-port',
      '0',
      '--out',
      out,
    ],
    {
      cwd: resolve(__dirname, '../../../packages/sandbox-fleet'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const admin = await new Promise<string>((resolvePromise, reject) => {
    let text = '';
    child.stdout!.on('data', chunk => {
      text += chunk;
      const match = /admin API\s+(http:\/\/\S+)/.exec(text);
      if (match && text.includes('portal:')) resolvePromise(match[1]);
    });
    child.on('exit', code =>
      reject(new Error(`the fleet exited with ${code}`)),
    );
  });
  return {
    child,
    admin,
    config: parse(readFileSync(join(out, 'app-config.sandbox.yaml'), 'utf8')),
  };
}

const counters = async (admin: string) =>
  (await (await fetch(`${admin}/counters`)).json()).total as number;
const resetCounters = (admin: string) =>
  fetch(`${admin}/counters`, { method: 'DELETE' });

function entities() {
  return Array.from({ length: SERVICES }, (_, i) => {
    const name = `svc-${String(i + 1).padStart(4, '0')}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: {
          'backstage.io/kubernetes-id': name,
          'delivery/environments': 'staging,production',
        },
      },
      spec: {
        type: 'service',
        owner: `team-${i % 20}`,
        system: `bench-${i % 10}`,
        lifecycle: 'production',
      },
    };
  });
}

async function baseUrlOf(server: any) {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function getJson(url: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    headers: {
      authorization: auth,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function patchReplicas(
  cluster: any,
  namespace: string,
  name: string,
  replicas: number,
): Promise<void> {
  const url = new URL(
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
    cluster.url,
  );
  return new Promise((ok, fail) => {
    const req = httpsRequest(
      url,
      {
        method: 'PATCH',
        ca: Buffer.from(cluster.caData, 'base64').toString(),
        headers: {
          authorization: `Bearer ${cluster.serviceAccountToken}`,
          'content-type': 'application/merge-patch+json',
        },
      },
      res => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? ok()
            : fail(new Error(`PATCH ${res.statusCode}`)),
        );
      },
    );
    req.on('error', fail);
    req.end(JSON.stringify({ spec: { replicas } }));
  });
}

/**
 * CLIENTS concurrent loops of REQUESTS_PER_CLIENT GETs, timed, in a child process. Each
 * client keeps its connection alive and accepts gzip, as a browser does, and is timed to
 * the last byte of the answer, as load tools time it: decompressing is the client's work,
 * and on a two-core machine ten clients inflating 1 MB each would measure the clients.
 */
function loadFromAnotherProcess(url: string): Promise<number[]> {
  const script = `
    const http = require('node:http');
    const url = ${JSON.stringify(url)};
    const agent = new http.Agent({ keepAlive: true, maxSockets: ${CLIENTS} });
    const headers = { authorization: ${JSON.stringify(
      auth,
    )}, 'accept-encoding': 'gzip' };
    const get = () => new Promise((ok, fail) => {
      http.get(url, { agent, headers }, res => {
        const chunks = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return fail(new Error('HTTP ' + res.statusCode));
          ok(res.headers['content-encoding']);
        });
      }).on('error', fail);
    });
    (async () => {
      const times = [];
      await Promise.all(Array.from({ length: ${CLIENTS} }, async () => {
        for (let i = 0; i < ${REQUESTS_PER_CLIENT}; i++) {
          const start = process.hrtime.bigint();
          const encoding = await get();
          if (encoding !== 'gzip') throw new Error('not gzipped: ' + encoding);
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      }));
      agent.destroy();
      process.stdout.write(JSON.stringify(times));
    })();
  `;
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', chunk => (out += chunk));
    child.on('exit', code =>
      code === 0
        ? ok(JSON.parse(out))
        : fail(new Error(`load client exited with ${code}`)),
    );
  });
}

async function main() {
  console.log(
    `bench:overview — ${SERVICES} services x ${CLUSTERS} clusters, each service in ${SPREAD}`,
  );
  const { child, admin, config } = await startFleet();
  const clusters = config.kubernetes.clusterLocatorMethods[0].clusters;
  const expectedRows = SERVICES * SPREAD;
  try {
    // --- B1: the cache alone, for its memory per object.
    const connections = clusters.map((c: any, i: number) => ({
      name: c.name,
      url: c.url,
      token: c.serviceAccountToken,
      caData: c.caData,
      environment: config.delivery.clusters[i].environment,
      role: 'primary' as const,
      sandbox: true,
    }));
    let cache: ClusterCache | undefined = new ClusterCache(connections, {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child() {
        return this;
      },
    } as any);
    await cache.start();
    // What the cache holds is what is freed when it goes: measured that way, code loaded on
    // first use and per-connection buffers do not count as cached objects.
    cache.stop();
    await new Promise(r => setTimeout(r, 200));
    const settledHeap = () => {
      for (let i = 0; i < 3; i++) gc();
      return process.memoryUsage().heapUsed;
    };
    const heapWithCache = settledHeap();
    const objects = cache.objectCount();
    cache = undefined;
    const heapWithoutCache = settledHeap();
    console.log(
      `B cache: ${objects} objects cached, ${(
        (heapWithCache - heapWithoutCache) /
        objects
      ).toFixed(0)} bytes per object (heap freed when the cache goes${
        (global as any).gc ? ', after GC' : ', no --expose-gc'
      })`,
    );

    // --- B2: the Delivery backend, cold start to a complete overview.
    await resetCounters(admin);
    const bStart = process.hrtime.bigint();
    const delivery = await startTestBackend({
      features: [
        deliveryPlugin,
        silentLogger,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: entities() }),
      ],
    });
    const base = await baseUrlOf(delivery.server);
    let overview: any;
    for (;;) {
      overview = expandOverview(await getJson(`${base}/api/delivery/overview`));
      if (
        overview.clusters.every((c: any) => c.state === 'ok') &&
        overview.rows.length >= expectedRows
      )
        break;
      await new Promise(r => setTimeout(r, 100));
    }
    const coldMs = ms(bStart);
    const coldRequests = await counters(admin);
    console.log(
      `B cold start to a complete overview: ${(coldMs / 1000).toFixed(1)} s, ${
        overview.rows.length
      } rows, ${coldRequests} Kubernetes requests (lists and watches)`,
    );

    await resetCounters(admin);
    const plain = await fetch(`${base}/api/delivery/overview`, {
      headers: { authorization: auth, 'accept-encoding': 'identity' },
    });
    const plainBytes = (await plain.arrayBuffer()).byteLength;
    const warmRequests = await counters(admin);
    const zipped = await fetch(`${base}/api/delivery/overview`, {
      headers: { authorization: auth, 'accept-encoding': 'gzip' },
    });
    console.log(
      `B overview answer: ${(plainBytes / 1e6).toFixed(2)} MB of JSON, ${(
        Number(zipped.headers.get('content-length')) / 1e3
      ).toFixed(0)} kB gzipped`,
    );
    await zipped.arrayBuffer();

    // The clients run in their own process, so their reading does not queue behind the server.
    const versionBefore = (await getJson(`${base}/api/delivery/overview`))
      .version;
    const eluBefore = performance.eventLoopUtilization();
    const latencies = await loadFromAnotherProcess(
      `${base}/api/delivery/overview`,
    );
    const elu = performance.eventLoopUtilization(eluBefore);
    const versionAfter = (await getJson(`${base}/api/delivery/overview`))
      .version;
    console.log(
      `B while the clients ran: ${
        versionAfter - versionBefore
      } cache changes, backend event loop busy ${(
        elu.utilization * 100
      ).toFixed(0)}% of ${(elu.idle + elu.active).toFixed(0)} ms`,
    );
    latencies.sort((a, b) => a - b);
    const memory = process.memoryUsage();
    console.log(
      `B overview over HTTP, ${CLIENTS} concurrent clients x ${REQUESTS_PER_CLIENT}, gzip, to the last byte: p50 ${pct(
        latencies,
        50,
      ).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(
        0,
      )} ms; Kubernetes requests per warm overview: ${warmRequests}`,
    );
    console.log(
      `B process (bench + backend + cache): RSS ${mb(memory.rss)}, heap ${mb(
        memory.heapUsed,
      )}`,
    );

    const target = clusters[0];
    const row = overview.rows.find(
      (r: any) => r.cluster === target.name && r.state !== 'not-deployed',
    );
    const changeStart = process.hrtime.bigint();
    // Synthetic service n lives in namespace bench-((n - 1) mod 10).
    const namespace = `bench-${(Number(row.name.replace(/\D/g, '')) - 1) % 10}`;
    await patchReplicas(target, namespace, row.name, row.desired + 3);
    for (;;) {
      const next = expandOverview(
        await getJson(`${base}/api/delivery/overview`),
      );
      const updated = next.rows.find(
        (r: any) => r.cluster === target.name && r.name === row.name,
      );
      if (updated.desired === row.desired + 3) break;
      await new Promise(r => setTimeout(r, 20));
    }
    console.log(
      `B a change on the API visible in the overview after ${ms(
        changeStart,
      ).toFixed(0)} ms`,
    );
    await delivery.stop();

    // --- A: upstream, the entity page's fan-out for a sample of services.
    const upstream = await startTestBackend({
      features: [
        import('@backstage/plugin-kubernetes-backend'),
        silentLogger,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: entities() }),
      ],
    });
    const upstreamBase = await baseUrlOf(upstream.server);
    await resetCounters(admin);
    const sample = entities().slice(0, UPSTREAM_SAMPLE);
    const aStart = process.hrtime.bigint();
    for (const entity of sample) {
      await getJson(
        `${upstreamBase}/api/kubernetes/services/${entity.metadata.name}`,
        { method: 'POST', body: JSON.stringify({ entity }) },
      );
    }
    const aMs = ms(aStart);
    const aRequests = await counters(admin);
    const scale = SERVICES / UPSTREAM_SAMPLE;
    console.log(
      `A upstream, ${UPSTREAM_SAMPLE} services measured: ${aRequests} Kubernetes requests in ${(
        aMs / 1000
      ).toFixed(1)} s`,
    );
    console.log(
      `A scaled to ${SERVICES} services: ${Math.round(
        aRequests * scale,
      )} requests per full overview, ~${((aMs * scale) / 1000).toFixed(0)} s`,
    );
    console.log(
      `A/B requests per overview: ${Math.round(
        aRequests * scale,
      )} vs ${warmRequests} warm (${coldRequests} once, at cold start: ${(
        Math.round(aRequests * scale) / coldRequests
      ).toFixed(0)}x fewer)`,
    );
    await upstream.stop();
  } finally {
    child.kill();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
