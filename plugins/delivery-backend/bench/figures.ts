import type { CacheFootprint } from './cacheFootprint';
import type { UpstreamFanOut } from './upstreamFanOut';

/** Services, clusters, and how many clusters run each service. */
export interface BenchSize {
  services: number;
  clusters: number;
  spread: number;
}

/** How long a change on a cluster took to show in the overview, and what it cost a browser. */
export interface ChangeFigures {
  /** Polling the whole document. */
  documentMs: number;
  /** The whole document, gzipped: what every browser fetched again after the change. */
  documentBytes: number;
  /** Through `GET /api/delivery/overview/changes?cursor=`; absent while it answers 404. */
  changes?: { ms: number; bytes: number; full: boolean; services: number };
}

/** Everything one size printed. */
export interface BenchFigures {
  size: BenchSize;
  catalogSeconds: number;
  cache: CacheFootprint;
  coldSeconds: number;
  coldRequests: number;
  warmRequests: number;
  overviewJsonBytes: number;
  overviewGzipBytes: number;
  p50Ms: number;
  p99Ms: number;
  change: ChangeFigures;
  rssBytes: number;
  heapBytes: number;
  upstream: UpstreamFanOut;
}

const kB = (bytes: number) => `${(bytes / 1e3).toFixed(0)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

/** The rows of the targets table: figure, target, then a value per size. */
const ROWS: Array<[string, string, (f: BenchFigures) => string]> = [
  [
    'catalog ingest (entity provider to stitched, not a target)',
    '—',
    f => s(f.catalogSeconds),
  ],
  [
    'cold start to a complete overview',
    '≤ 15 s',
    f => `${s(f.coldSeconds)} (${count(f.coldRequests)} Kubernetes requests)`,
  ],
  [
    'a change on a cluster visible in the overview',
    '≤ 1 s',
    // A browser follows the changes since its cursor; polling the whole document is the
    // fallback, shown beside it.
    f =>
      f.change.changes
        ? `${f.change.changes.ms.toFixed(
            0,
          )} ms through changes (${f.change.documentMs.toFixed(
            0,
          )} ms polling the document)`
        : `${f.change.documentMs.toFixed(
            0,
          )} ms polling the document; changes: n/a`,
  ],
  [
    'overview p99, 10 concurrent clients',
    '≤ 100 ms',
    f => `${f.p99Ms.toFixed(0)} ms (p50 ${f.p50Ms.toFixed(0)} ms)`,
  ],
  [
    'bytes per cached object',
    '≤ 500',
    f => `${f.cache.bytesPerObject} (${count(f.cache.objects)} objects)`,
  ],
  [
    'bytes a browser receives when one service changed',
    '≤ 100 kB',
    // What a browser on the changes route receives; the whole document is what every
    // browser fetched again before it, shown beside it.
    f =>
      f.change.changes
        ? `${kB(f.change.changes.bytes)} changes answer${
            f.change.changes.full ? ' (full)' : ''
          }, ${count(f.change.changes.services)} service${
            f.change.changes.services === 1 ? '' : 's'
          } (whole document: ${kB(f.change.documentBytes)} gzipped, ${MB(
            f.overviewJsonBytes,
          )} JSON)`
        : `${kB(f.change.documentBytes)} (whole document gzipped, ${MB(
            f.overviewJsonBytes,
          )} JSON); changes: n/a`,
  ],
  ['Kubernetes requests per warm overview', '0', f => count(f.warmRequests)],
  [
    "upstream's fan-out per overview (scaled from a sample)",
    '—',
    f =>
      `${count(
        f.upstream.requestsPerOverview,
      )} requests, ~${f.upstream.secondsPerOverview.toFixed(0)} s (${
        f.upstream.sample
      } measured)`,
  ],
  [
    'bench process (delivery backend, catalog, permissions)',
    '—',
    f =>
      `RSS ${(f.rssBytes / 1e6).toFixed(0)} MB, heap ${(
        f.heapBytes / 1e6
      ).toFixed(0)} MB`,
  ],
];

/** The targets table in markdown, one column per size. */
export function figuresTable(runs: BenchFigures[]): string {
  const header = [
    'figure',
    'target',
    ...runs.map(
      r => `${count(r.size.services)} × ${r.size.clusters} × ${r.size.spread}`,
    ),
  ];
  const lines = [header, header.map(() => '---')].concat(
    ROWS.map(([figure, target, value]) => [figure, target, ...runs.map(value)]),
  );
  return lines.map(cells => `| ${cells.join(' | ')} |`).join('\n');
}
