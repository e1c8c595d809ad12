import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterConnection,
  CostSource,
  MeasuredCost,
} from '@internal/backstage-plugin-delivery-node';

type Allocations = Map<string, MeasuredCost> | undefined;

/**
 * What the cost source measured per cluster, as the plugin reads it. `read` goes through
 * the source (which queries its backend at most once per cluster and refresh interval);
 * `peek` never waits: it answers the last read and asks the source again in the background,
 * so the overview's rebuild is never held up by a slow measurement backend.
 */
export class MeasuredAllocations {
  private readonly latest = new Map<string, Allocations>();
  private readonly pending = new Set<string>();
  private changes = 0;

  constructor(
    private readonly source: CostSource,
    private readonly logger: LoggerService,
  ) {}

  get measures(): boolean {
    return this.source.allocations !== undefined;
  }

  /**
   * Grows whenever a cluster's measurement is another answer than the last one read (a
   * source hands out the same answer until it measures again), so the overview knows to
   * show it.
   */
  get version(): number {
    return this.changes;
  }

  /** The source's (cached) measurement of one cluster; undefined when not measured. */
  async read(connection: ClusterConnection): Promise<Allocations> {
    if (!this.source.allocations) return undefined;
    let allocations: Allocations;
    try {
      allocations = await this.source.allocations(connection);
    } catch (error) {
      // The contract is to answer undefined on failure; a source that throws is read as that.
      this.logger.warn(
        `Cost source ${this.source.id} failed to answer for cluster ${
          connection.name
        }: ${(error as Error).message}; measured cost shows as absent`,
      );
      allocations = undefined;
    }
    if (
      !this.latest.has(connection.name) ||
      this.latest.get(connection.name) !== allocations
    ) {
      this.changes++;
    }
    this.latest.set(connection.name, allocations);
    return allocations;
  }

  /** The last measurement read of one cluster, without waiting for a new one. */
  peek(connection: ClusterConnection): Allocations {
    if (!this.source.allocations) return undefined;
    if (!this.pending.has(connection.name)) {
      this.pending.add(connection.name);
      void this.read(connection).finally(() =>
        this.pending.delete(connection.name),
      );
    }
    return this.latest.get(connection.name);
  }
}
