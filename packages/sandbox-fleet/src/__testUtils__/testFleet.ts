import { request as httpsRequest } from 'node:https';
import { resolve } from 'node:path';
import { clustersOnFreePorts } from '../fleet/defaults';
import { Fleet, FleetOptions } from '../fleet/Fleet';
import { Clock } from '../store/types';

export const CATALOG_DIR = resolve(__dirname, '../../../../catalog');

/** A clock the test moves by hand, so controller timing is exact. */
export class ManualClock implements Clock {
  constructor(private time = Date.parse('2026-11-23T12:00:00Z')) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/**
 * A fleet on free ports, seeded from the example catalog, whose controllers only run when
 * the test calls step(): deterministic timing, steady load.
 */
export async function startTestFleet(options: Partial<FleetOptions> = {}) {
  const clock = new ManualClock();
  const fleet = await Fleet.start({
    catalogDir: CATALOG_DIR,
    clusters: clustersOnFreePorts(),
    adminPort: 0,
    autoTick: false,
    clock,
    simulation: {
      load: {
        mode: 'steady',
        periodMs: 600_000,
        scaleDownStabilizationMs: 300_000,
      },
    },
    watch: { bookmarkIntervalMs: 200, defaultTimeoutSeconds: 60 },
    ...options,
  });
  /** Moves time forward in steps, running every controller after each. */
  const step = (ms: number, every = 250) => {
    for (let passed = 0; passed < ms; passed += every) {
      clock.advance(every);
      fleet.tick();
    }
  };
  return { fleet, clock, step };
}

export async function admin(
  fleet: Fleet,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${fleet.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One HTTPS request to a sandbox cluster, with its token and CA, outside any client library. */
export function kubeRequest(
  fleet: Fleet,
  clusterName: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    /** A body sent as it is (a YAML apply), instead of `body` as JSON. */
    rawBody?: string;
    contentType?: string;
    timeoutMs?: number;
    /** More request headers, e.g. a User-Agent. */
    headers?: Record<string, string>;
    /** Send no Authorization header at all (an anonymous request). */
    anonymous?: boolean;
  } = {},
): Promise<RawResponse> {
  const member = fleet.member(clusterName)!;
  const url = new URL(path, member.server.url);
  return new Promise((resolvePromise, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca: fleet.tls.caPem,
        // A fresh connection each time: tests block the event loop for long stretches.
        agent: false,
        headers: {
          ...(options.anonymous
            ? {}
            : { authorization: `Bearer ${member.cluster.token}` }),
          'content-type': options.contentType ?? 'application/json',
          ...options.headers,
        },
        timeout: options.timeoutMs,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // plain text, e.g. logs
          }
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    if (options.rawBody !== undefined) req.write(options.rawBody);
    else if (options.body !== undefined)
      req.write(JSON.stringify(options.body));
    req.end();
  });
}
