import { LoggerService } from '@backstage/backend-plugin-api';
import {
  LABEL_KUBERNETES_ID,
  parseQuantity,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  kubeConfigFor,
} from '@internal/backstage-plugin-delivery-node';
import { describeKubernetesFailure } from '../dr/kubernetes/KubernetesRequestError';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { ClusterCache } from '../cache/ClusterCache';
import { PodDeployments } from './PodDeployments';
import { UsageStore } from './UsageStore';

interface PodMetrics {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  containers?: Array<{ usage?: { cpu?: string; memory?: string } }>;
}

/**
 * Polls each cluster's resource metrics API (metrics.k8s.io, as metrics-server serves it)
 * for the pods of catalog services, one list per cluster and poll, and files each pod's
 * usage under its Deployment (pod > ReplicaSet > Deployment, from the cluster cache).
 * Right-sizing reads the window's percentiles from the store. A cluster without the API is
 * logged once and skipped; right-sizing then says nothing was collected for its Deployments.
 * Clusters whose usage comes from Prometheus are not given to it (PrometheusUsageReader).
 */
export class UsageSampler {
  private readonly warned = new Set<string>();
  /** Clusters whose last poll answered, and when. */
  private readonly polledAt = new Map<string, number>();

  constructor(
    private readonly deps: {
      connections: ClusterConnection[];
      /** Which of `connections` are sampled here (the others: Prometheus); default all. */
      sampled?: (connection: ClusterConnection) => boolean;
      cache: ClusterCache;
      store: UsageStore;
      logger: LoggerService;
    },
  ) {}

  /** When the cluster's metrics were last read; undefined when never (or not served). */
  lastPoll(cluster: string): number | undefined {
    return this.polledAt.get(cluster);
  }

  async sampleAll(now = Date.now()): Promise<void> {
    await Promise.all(
      this.deps.connections
        .filter(c => this.deps.sampled?.(c) ?? true)
        .map(c => this.sample(c, now).catch(() => undefined)),
    );
  }

  async sample(connection: ClusterConnection, now = Date.now()): Promise<void> {
    const api = kubeConfigFor(connection).makeApiClient(CustomObjectsApi);
    let items: PodMetrics[];
    try {
      const list = (await api.listClusterCustomObject({
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        plural: 'pods',
        labelSelector: LABEL_KUBERNETES_ID,
      })) as { items?: PodMetrics[] };
      items = list.items ?? [];
    } catch (error) {
      // Not client-node's message: it carries the answer's headers, whose Date makes
      // every poll's failure look new, and the cluster would be reported once a second.
      const message = describeKubernetesFailure(error);
      if (!this.warned.has(`${connection.name}:${message}`)) {
        this.warned.add(`${connection.name}:${message}`);
        this.deps.logger.warn(
          `Delivery usage: cannot read metrics.k8s.io pods in ${connection.name} (${message}); right-sizing has no usage from there`,
        );
      }
      throw error;
    }
    const byDeployment = new Map<
      string,
      Array<{ cpu: number; memory: number }>
    >();
    const owners = new Map<string, PodDeployments>();
    for (const item of items) {
      const service = item.metadata?.labels?.[LABEL_KUBERNETES_ID];
      const namespace = item.metadata?.namespace ?? '';
      const pod = item.metadata?.name ?? '';
      if (!service) continue;
      let deploymentOf = owners.get(service);
      if (!deploymentOf) {
        const workloads = this.deps.cache.workloads(connection.name, service);
        deploymentOf = new PodDeployments(workloads ? [workloads] : []);
        owners.set(service, deploymentOf);
      }
      const deployment = deploymentOf.current(namespace, pod);
      if (!deployment) continue;
      const usage = (item.containers ?? []).reduce(
        (total, c) => ({
          cpu: total.cpu + (parseQuantity(c.usage?.cpu ?? '0') ?? 0) * 1000,
          memory: total.memory + (parseQuantity(c.usage?.memory ?? '0') ?? 0),
        }),
        { cpu: 0, memory: 0 },
      );
      const key = UsageStore.key(connection.name, namespace, deployment);
      const pods = byDeployment.get(key);
      if (pods) pods.push(usage);
      else byDeployment.set(key, [usage]);
    }
    for (const [key, pods] of byDeployment) this.deps.store.add(key, now, pods);
    this.polledAt.set(connection.name, now);
  }
}
