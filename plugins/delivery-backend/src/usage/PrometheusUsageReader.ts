import { LoggerService } from '@backstage/backend-plugin-api';
import type { ServiceWorkloads } from '@internal/backstage-plugin-delivery-common';
import type { CostConfig } from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from '../cache/ClusterCache';
import { PodDeployments } from './PodDeployments';
import { lastPointOf, nextPrometheusRange } from './prometheusRange';
import { PrometheusSeries, queryPrometheusRange } from './queryPrometheusRange';
import { usageQueries } from './usageQueries';
import { UsageStore } from './UsageStore';

/** `delivery.cost.usage.prometheus`, validated. */
export type PrometheusUsageConfig = NonNullable<
  CostConfig['usage']['prometheus']
>;

/** A range query over days of a big cluster takes Prometheus a while. */
export const PROMETHEUS_QUERY_TIMEOUT_MS = 60_000;

type PodUsage = { cpu: number; memory: number };

/** A series' pod, as `namespace/pod`. */
const podOf = (series: PrometheusSeries) =>
  `${series.labels.namespace ?? ''}/${series.labels.pod ?? ''}`;

/**
 * Reads the usage of the clusters configured under `delivery.cost.usage.prometheus` from
 * Prometheus's range API and files it in the store as the metrics.k8s.io sampler files its
 * polls: one poll per step instant and Deployment, each pod under its Deployment (through
 * the cluster cache), so right-sizing reads both alike.
 *
 * The first run per cluster backfills the store's whole window (right-sizing has its data
 * at once after a restart); each later run asks only for the instants after the last one
 * read. Each run is two queries per cluster (CPU, memory), over the namespaces the cache
 * has catalog services in. A cluster whose Prometheus fails is logged once per reason,
 * files nothing and is asked for the same instants next run; the others go on.
 */
export class PrometheusUsageReader {
  /** Per cluster, the last instant a query answered for. */
  private readonly readUntil = new Map<string, number>();
  /** Per cluster, the failure last logged, so a failing Prometheus is logged once. */
  private readonly logged = new Map<string, string>();

  constructor(
    private readonly deps: {
      config: PrometheusUsageConfig;
      cache: Pick<ClusterCache, 'services' | 'workloads'>;
      store: UsageStore;
      logger: LoggerService;
      timeoutMs?: number;
    },
  ) {}

  /** The clusters whose usage this reads. */
  clusters(): string[] {
    return [...this.deps.config.clusters.keys()];
  }

  /** The last instant read from the cluster's Prometheus; undefined before it first answered. */
  lastRead(cluster: string): number | undefined {
    return this.readUntil.get(cluster);
  }

  /** Reads every configured cluster, side by side; never throws. */
  async readAll(now = Date.now()): Promise<void> {
    await Promise.all(this.clusters().map(cluster => this.read(cluster, now)));
  }

  /** Reads one cluster's usage since its last run; failures are logged, never thrown. */
  async read(cluster: string, now = Date.now()): Promise<void> {
    const prometheus = this.deps.config.clusters.get(cluster);
    if (!prometheus) return;
    const workloads = this.catalogWorkloads(cluster);
    const namespaces = new Set(
      workloads.flatMap(w => [
        ...w.deployments.map(d => d.namespace),
        ...w.replicaSets.map(rs => rs.namespace),
        ...w.pods.map(p => p.namespace),
      ]),
    );
    // No catalog service runs there (yet): nothing could be filed.
    if (!namespaces.size) return;
    const range = nextPrometheusRange({
      now,
      stepMs: this.deps.config.stepSeconds * 1000,
      retentionMs: this.deps.store.retentionMs,
      maxPolls: this.deps.store.maxPolls,
      lastReadMs: this.readUntil.get(cluster),
    });
    if (!range) return;

    const queries = usageQueries(namespaces, prometheus.clusterLabel);
    const timeoutMs = this.deps.timeoutMs ?? PROMETHEUS_QUERY_TIMEOUT_MS;
    let cpu: PrometheusSeries[];
    let memory: PrometheusSeries[];
    try {
      [cpu, memory] = await Promise.all([
        queryPrometheusRange(prometheus, queries.cpu, range, timeoutMs),
        queryPrometheusRange(prometheus, queries.memory, range, timeoutMs),
      ]);
    } catch (error) {
      this.failed(cluster, (error as Error).message);
      return;
    }
    this.file(cluster, new PodDeployments(workloads), cpu, memory);
    this.readUntil.set(cluster, lastPointOf(range));
    if (this.logged.delete(cluster))
      this.deps.logger.info(
        `Delivery usage: Prometheus of cluster ${cluster} answers again`,
      );
  }

  /** The cache's rows of every catalog service in the cluster. */
  private catalogWorkloads(cluster: string): ServiceWorkloads[] {
    return [...this.deps.cache.services()].flatMap(service => {
      const workloads = this.deps.cache.workloads(cluster, service);
      return workloads ? [workloads] : [];
    });
  }

  /**
   * One poll per instant and Deployment, oldest first (the store trims from the front). A
   * pod counts at an instant where both its CPU and its memory have a point: a CPU rate
   * needs two scrapes, and a pod filed with half its usage would pull the percentiles down.
   * Pods of no catalog Deployment are left out.
   */
  private file(
    cluster: string,
    deployments: PodDeployments,
    cpu: PrometheusSeries[],
    memory: PrometheusSeries[],
  ) {
    const cpuOf = new Map<string, Map<number, number>>();
    for (const series of cpu) cpuOf.set(podOf(series), new Map(series.points));
    const polls = new Map<number, Map<string, PodUsage[]>>();
    for (const series of memory) {
      const { namespace = '', pod = '' } = series.labels;
      const deployment = deployments.named(namespace, pod);
      const cores = cpuOf.get(podOf(series));
      if (!deployment || !cores) continue;
      const key = UsageStore.key(cluster, namespace, deployment);
      for (const [at, bytes] of series.points) {
        const used = cores.get(at);
        if (used === undefined) continue;
        let byKey = polls.get(at);
        if (!byKey) polls.set(at, (byKey = new Map()));
        const pods = byKey.get(key);
        const usage = { cpu: used * 1000, memory: bytes };
        if (pods) pods.push(usage);
        else byKey.set(key, [usage]);
      }
    }
    for (const at of [...polls.keys()].sort((a, b) => a - b))
      for (const [key, pods] of polls.get(at)!)
        this.deps.store.add(key, at, pods);
  }

  private failed(cluster: string, message: string) {
    if (this.logged.get(cluster) === message) return;
    this.logged.set(cluster, message);
    this.deps.logger.warn(
      `Delivery usage: cannot read Prometheus of cluster ${cluster} (${message}); right-sizing has no new usage from there until it answers`,
    );
  }
}
