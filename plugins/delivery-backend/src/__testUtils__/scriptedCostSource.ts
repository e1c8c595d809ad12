import { createBackendModule } from '@backstage/backend-plugin-api';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  ClusterPrices,
  CostSource,
  deliveryCostSourcesExtensionPoint,
  MeasuredCost,
} from '@internal/backstage-plugin-delivery-node';

/**
 * A cost source that prices every cluster alike and answers measured spend from a script
 * keyed by cluster and service id, or throws when told to: a stand-in for OpenCost in
 * tests. Like a caching source, it hands out the same answer on every read. It counts its
 * reads.
 */
export class ScriptedCostSource implements CostSource {
  readonly id = 'scripted';
  reads = 0;
  private readonly answers: Map<string, Map<string, MeasuredCost>>;

  constructor(
    private readonly prices: ClusterPrices,
    measured: Record<string, Record<string, MeasuredCost>>,
    private readonly failure?: string,
  ) {
    this.answers = new Map(
      Object.entries(measured).map(([cluster, costs]) => [
        cluster,
        new Map(Object.entries(costs)),
      ]),
    );
  }

  pricesFor(): ClusterPrices {
    return this.prices;
  }

  async allocations(
    cluster: ClusterConnection,
  ): Promise<Map<string, MeasuredCost> | undefined> {
    this.reads++;
    if (this.failure) throw new Error(this.failure);
    return this.answers.get(cluster.name);
  }
}

/** A backend module adding a cost source, selected with `delivery.cost.source`. */
export function costSourceModule(source: CostSource) {
  return createBackendModule({
    pluginId: DELIVERY_PLUGIN_ID,
    moduleId: `cost-source-${source.id}`,
    register(env) {
      env.registerInit({
        deps: { cost: deliveryCostSourcesExtensionPoint },
        async init({ cost }) {
          cost.addCostSource(source);
        },
      });
    },
  });
}
