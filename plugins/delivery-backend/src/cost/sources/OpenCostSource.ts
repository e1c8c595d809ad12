import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterConnection,
  ClusterPrices,
  CostSource,
  MeasuredCost,
  OpenCostConfig,
} from '@internal/backstage-plugin-delivery-node';
import { queryOpenCostAllocations } from './queryOpenCostAllocations';

/** A failed query is tried again sooner than the refresh interval, but not on every read. */
const FAILURE_RETRY_MS = 5 * 60_000;

/** @public */
export interface OpenCostSourceOptions {
  config: OpenCostConfig;
  /** Prices the formula: OpenCost measures spend, the estimates still need a price list. */
  prices: CostSource;
  logger: LoggerService;
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
}

interface CachedAnswer {
  /** Infinity while the query runs, so concurrent reads share it. */
  expiresAt: number;
  costs: Promise<Map<string, MeasuredCost> | undefined>;
}

/**
 * Measured spend from OpenCost's allocation API, aggregated by the service label, one
 * OpenCost per cluster. Each cluster (and window) is queried at most once per
 * `refreshMinutes`, however many pages read it; reads within the interval, and reads while
 * a query runs, get the same answer. A failure is logged once per cluster and message, and
 * reads as absent (undefined), never as zero, until it is tried again after five minutes
 * (or the refresh interval, when shorter).
 * @public
 */
export class OpenCostSource implements CostSource {
  readonly id = 'opencost';
  private readonly answers = new Map<string, CachedAnswer>();
  private readonly logged = new Map<string, string>();
  private readonly config: OpenCostConfig;
  private readonly prices: CostSource;
  private readonly logger: LoggerService;
  private readonly clock: () => number;

  constructor(options: OpenCostSourceOptions) {
    this.config = options.config;
    this.prices = options.prices;
    this.logger = options.logger;
    this.clock = options.clock ?? Date.now;
  }

  pricesFor(cluster: ClusterConnection): ClusterPrices | undefined {
    return this.prices.pricesFor(cluster);
  }

  allocations(
    cluster: ClusterConnection,
    window: string = this.config.window,
  ): Promise<Map<string, MeasuredCost> | undefined> {
    const target = this.config.clusters.get(cluster.name);
    if (!target) return Promise.resolve(undefined);
    const key = `${cluster.name}\u0000${window}`;
    const known = this.answers.get(key);
    if (known && this.clock() < known.expiresAt) return known.costs;

    const answer: CachedAnswer = {
      expiresAt: Infinity,
      costs: this.query(cluster.name, target.baseUrl, window).then(costs => {
        const refreshMs = this.config.refreshMinutes * 60_000;
        answer.expiresAt =
          this.clock() +
          (costs ? refreshMs : Math.min(refreshMs, FAILURE_RETRY_MS));
        return costs;
      }),
    };
    this.answers.set(key, answer);
    return answer.costs;
  }

  private async query(
    cluster: string,
    baseUrl: string,
    window: string,
  ): Promise<Map<string, MeasuredCost> | undefined> {
    try {
      const { costs, malformed } = await queryOpenCostAllocations({
        baseUrl,
        window,
        aggregateLabel: this.config.aggregateLabel,
      });
      if (malformed.length) {
        this.logger.warn(
          `OpenCost of cluster ${cluster} sent allocations without a usable cost or time span for ${malformed.join(
            ', ',
          )}; their measured cost shows as absent`,
        );
      }
      if (this.logged.delete(cluster)) {
        this.logger.info(`OpenCost of cluster ${cluster} answers again`);
      }
      return costs;
    } catch (error) {
      const message = describe(error);
      if (this.logged.get(cluster) !== message) {
        this.logged.set(cluster, message);
        this.logger.warn(
          `OpenCost of cluster ${cluster} could not be read: ${message}; measured cost in ${cluster} shows as absent until it answers`,
        );
      }
      return undefined;
    }
  }
}

// fetch says "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND) in its cause.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  const reason = cause?.code ?? cause?.message;
  return reason ? `${error.message} (${reason})` : error.message;
}
