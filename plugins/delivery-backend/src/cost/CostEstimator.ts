import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CostClusterLine,
  DeliveryDescriptor,
  kubernetesIdOf,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  ClusterPrices,
  CostSource,
  DeliveryConfig,
  MeasuredCost,
} from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from '../cache/ClusterCache';
import { costClusterLine } from './costClusterLine';
import { CurrentCostMemo } from './CurrentCostMemo';
import { MeasuredAllocations } from './MeasuredAllocations';
import {
  clustersOfEnvironments,
  inPipelineOrder,
  PricedCluster,
  pricedClusters,
} from './pricedClusters';
import { ClusterRunRate } from './runRate';

/** Measured spend by cluster name, then by service id. */
export type MeasuredByCluster = ReadonlyMap<
  string,
  Map<string, MeasuredCost> | undefined
>;

/**
 * What a service costs in each cluster it pays for: the estimate from the cache (its
 * Deployments' requests, replicas and HPAs at the cost source's prices) and, beside it, what
 * the source measured. Every cost answer (the Cost card, budget checks, the overview, the
 * daily snapshot) prices services through this one object, so they agree.
 */
export class CostEstimator {
  private readonly allocations: MeasuredAllocations;
  private readonly unpricedLogged = new Set<string>();
  /** The clusters in pipeline order, as every answer lists them; see `ordered`. */
  private orderedMemo?: { of: string; ordered: ClusterConnection[] };
  private readonly current?: CurrentCostMemo;
  /** Logs a cluster the source has no prices for, once. */
  private readonly unpriced = (connection: ClusterConnection) => {
    if (this.unpricedLogged.has(connection.name)) return;
    this.unpricedLogged.add(connection.name);
    this.deps.logger.warn(
      `Cost source ${this.deps.source.id} has no prices for cluster ${connection.name}; services there are left out of their cost`,
    );
  };

  constructor(
    private readonly deps: {
      config: DeliveryConfig;
      connections: ClusterConnection[];
      cache?: ClusterCache;
      source: CostSource;
      logger: LoggerService;
    },
  ) {
    this.allocations = new MeasuredAllocations(deps.source, deps.logger);
    this.current =
      deps.cache && new CurrentCostMemo(deps.cache, deps.source, this.unpriced);
  }

  /**
   * The clusters in pipeline order, ordered again when the list changed: catalog-located
   * clusters join the (live) connections after start-up.
   */
  private get ordered(): ClusterConnection[] {
    const of = this.deps.connections.map(c => c.name).join('\n');
    if (this.orderedMemo?.of !== of)
      this.orderedMemo = {
        of,
        ordered: inPipelineOrder(this.deps.config, this.deps.connections),
      };
    return this.orderedMemo.ordered;
  }

  /** The cost source's id, as the answers name it. */
  get sourceId(): string {
    return this.deps.source.id;
  }

  /** The clusters Delivery reaches, in pipeline order. */
  get clusters(): readonly ClusterConnection[] {
    return this.ordered;
  }

  /** Grows with every new measurement from the cost source (see MeasuredAllocations). */
  get measurementsVersion(): number {
    return this.allocations.version;
  }

  /** A cluster's prices at the cost source; undefined when it has none. */
  pricesFor(connection: ClusterConnection): ClusterPrices | undefined {
    return this.deps.source.pricesFor(connection);
  }

  /**
   * The clusters a service pays for, each with its prices and the service's Deployments
   * and their HPAs. The estimate prices these; right-sizing starts from them.
   */
  pricedClusters(descriptor: DeliveryDescriptor): PricedCluster[] {
    return pricedClusters({
      descriptor,
      ordered: this.ordered,
      cache: this.deps.cache,
      source: this.deps.source,
      unpriced: this.unpriced,
    });
  }

  /** A service's line per cluster: the estimate, and the measurement when there is one. */
  lines(
    descriptor: DeliveryDescriptor,
    measured: MeasuredByCluster,
  ): CostClusterLine[] {
    const service = kubernetesIdOf(descriptor);
    return this.pricedClusters(descriptor).map(priced => {
      const cost = service
        ? measured.get(priced.connection.name)?.get(service)
        : undefined;
      return costClusterLine(
        priced,
        cost && { source: this.deps.source.id, cost },
      );
    });
  }

  /**
   * A service's run rate per cluster, from the estimates memoised per cache version: what
   * a pass over the whole catalog reads (the overview, the snapshot, a team's budget). The
   * same figures as the lines of its Cost card.
   */
  runRates(
    descriptor: DeliveryDescriptor,
    measured: MeasuredByCluster,
  ): ClusterRunRate[] {
    const selector = descriptor.workloadSelector;
    const current = this.current;
    if (!current || !selector) return [];
    const service = kubernetesIdOf(descriptor);
    return clustersOfEnvironments(descriptor, this.ordered).flatMap(
      connection => {
        const estimate = current.get(connection, selector);
        if (estimate === undefined) return [];
        const cost = service
          ? measured.get(connection.name)?.get(service)
          : undefined;
        return [
          {
            environment: connection.environment,
            monthlyUsd: cost?.total ?? estimate,
          },
        ];
      },
    );
  }

  /** Every cluster's measurement, through the source's cache. */
  async readMeasured(): Promise<MeasuredByCluster> {
    if (!this.allocations.measures) return new Map();
    const { connections } = this.deps;
    const answers = await Promise.all(
      connections.map(c => this.allocations.read(c)),
    );
    return new Map(connections.map((c, i) => [c.name, answers[i]]));
  }

  /** Every cluster's last measurement, without waiting. */
  peekMeasured(): MeasuredByCluster {
    if (!this.allocations.measures) return new Map();
    return new Map(
      this.deps.connections.map(c => [c.name, this.allocations.peek(c)]),
    );
  }
}
