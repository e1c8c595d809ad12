import { ApiError, errors } from '../errors';
import { formatBytes, formatCpu, formatGoDuration } from '../quantity';
import { RequestContext } from '../requestContext';
import { apiVersionOf } from '../resources';
import { wantsTable } from '../table';
import { parseFieldSelector, parseLabelSelector } from '../../store/selectors';
import { KubeObject } from '../../store/types';
import { KINDS } from '../../sim/objects';
import type { UsageScrape } from '../../sim/scrapedUsage';

/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it: PodMetrics and NodeMetrics from the
 * latest usage scrape, for the pods and nodes that exist now. Get and list only; a watch is
 * refused the way the API server refuses it for storage without one.
 */
export function serveUsageMetrics(ctx: RequestContext): unknown {
  const { group, resource } = ctx.type;
  if (ctx.subresource) {
    throw errors.pathNotFound(`${resource}/${ctx.subresource}`);
  }
  if (ctx.verb === 'watch') {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `watch is not supported on resources of kind "${resource}.${group}"`,
      { group, kind: resource },
    );
  }
  if (ctx.verb !== 'get' && ctx.verb !== 'list') {
    throw errors.methodNotAllowed(ctx.verb);
  }
  const measured =
    ctx.type.kind === 'PodMetrics' ? podMetrics(ctx) : nodeMetrics(ctx);
  if (wantsTable(ctx.accept)) return metricsTable(measured);
  if (ctx.verb === 'get') return measured[0].item;
  return {
    kind: `${ctx.type.kind}List`,
    apiVersion: apiVersionOf(ctx.type),
    metadata: {},
    items: measured.map(m => m.item),
  };
}

/** An item with its totals, which the table prints. */
interface Measured {
  item: MetricsItem;
  cpuNanocores: number;
  memoryBytes: number;
}

interface MetricsItem {
  kind: string;
  apiVersion: string;
  metadata: {
    name: string;
    namespace?: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
  };
  timestamp: string;
  window: string;
  containers?: Array<{ name: string; usage: Usage }>;
  usage?: Usage;
}

interface Usage {
  cpu: string;
  memory: string;
}

function itemMeta(
  ctx: RequestContext,
  object: KubeObject,
  scrape: UsageScrape,
) {
  return {
    kind: ctx.type.kind,
    apiVersion: apiVersionOf(ctx.type),
    metadata: {
      name: object.metadata.name,
      ...(object.metadata.namespace
        ? { namespace: object.metadata.namespace }
        : {}),
      // metrics-server makes these objects on every request.
      creationTimestamp: new Date(ctx.cluster.clock.now()).toISOString(),
      ...(object.metadata.labels ? { labels: object.metadata.labels } : {}),
    },
    timestamp: new Date(scrape.timestamp).toISOString(),
    window: formatGoDuration(scrape.windowMs),
  };
}

/**
 * The objects a request names, from the pod or node informer: label selector on their
 * labels, field selector on metadata.name and metadata.namespace only (metrics-server
 * matches the object meta fields and nothing else), sorted by namespace and name.
 */
function candidates(ctx: RequestContext, kind: string): KubeObject[] {
  const { store } = ctx.cluster;
  if (ctx.verb === 'get') {
    const object = store.get(kind, ctx.namespace, ctx.name!);
    // The informer's own not-found, before metrics are looked at.
    if (!object) {
      throw errors.notFound(
        '',
        kind === KINDS.pod ? 'pods' : 'node',
        ctx.name!,
      );
    }
    return [object];
  }
  const labels = parseLabelSelector(
    ctx.query.get('labelSelector') ?? undefined,
  );
  const fields = parseFieldSelector(
    ctx.query.get('fieldSelector') ?? undefined,
  );
  return store
    .list(kind, ctx.namespace)
    .filter(
      o =>
        labels(o) &&
        fields({
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata: {
            name: o.metadata.name,
            namespace: o.metadata.namespace,
          },
        }),
    )
    .sort(
      (a, b) =>
        compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
        compare(a.metadata.name, b.metadata.name),
    );
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** metrics-server's not-found for an object it knows but holds no usage for. */
function noMetrics(ctx: RequestContext): ApiError {
  const name = ctx.namespace ? `${ctx.namespace}/${ctx.name}` : ctx.name!;
  return errors.notFound(ctx.type.group, ctx.type.resource, name);
}

function podMetrics(ctx: RequestContext): Measured[] {
  const pods = candidates(ctx, KINDS.pod);
  const scrape = ctx.cluster.usage;
  const measured: Measured[] = [];
  for (const pod of pods) {
    // A pod that stopped running since the scrape no longer has a kubelet reporting it.
    const containers =
      pod.status?.phase === 'Running'
        ? scrape?.pods.get(pod.metadata.uid!)
        : undefined;
    if (!scrape || !containers) continue;
    measured.push({
      item: {
        ...itemMeta(ctx, pod, scrape),
        containers: containers.map(c => ({
          name: c.name,
          usage: {
            cpu: formatCpu(c.cpuNanocores),
            memory: formatBytes(c.memoryBytes),
          },
        })),
      },
      cpuNanocores: containers.reduce((t, c) => t + c.cpuNanocores, 0),
      memoryBytes: containers.reduce((t, c) => t + c.memoryBytes, 0),
    });
  }
  if (ctx.verb === 'get' && measured.length === 0) throw noMetrics(ctx);
  return measured;
}

function nodeMetrics(ctx: RequestContext): Measured[] {
  const nodes = candidates(ctx, KINDS.node);
  const scrape = ctx.cluster.usage;
  const measured: Measured[] = [];
  for (const node of nodes) {
    const usage = scrape?.nodes.get(node.metadata.name);
    if (!scrape || !usage) continue;
    measured.push({
      item: {
        ...itemMeta(ctx, node, scrape),
        usage: {
          cpu: formatCpu(usage.cpuNanocores),
          memory: formatBytes(usage.memoryBytes),
        },
      },
      ...usage,
    });
  }
  if (ctx.verb === 'get' && measured.length === 0) throw noMetrics(ctx);
  return measured;
}

/**
 * metrics-server's server-side printing (`kubectl get podmetrics`): name, the summed usage
 * per resource, the window; no columns at all when there are no rows, as it does.
 */
function metricsTable(measured: Measured[]) {
  const column = (name: string, format: string, description = '') => ({
    name,
    type: 'string',
    format,
    description,
    priority: 0,
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: measured.length
      ? [
          column('Name', 'name', 'Name of the resource'),
          column('cpu', 'quantity'),
          column('memory', 'quantity'),
          column('Window', 'duration'),
        ]
      : [],
    rows: measured.map(({ item, cpuNanocores, memoryBytes }) => ({
      cells: [
        item.metadata.name,
        formatCpu(cpuNanocores),
        formatBytes(memoryBytes),
        item.window,
      ],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: item.metadata,
      },
    })),
  };
}
