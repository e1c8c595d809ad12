import type { Entity } from '@backstage/catalog-model';
import { DeliveryDescriptor } from '@internal/backstage-plugin-delivery-common';
import { UsageStore } from '../../usage/UsageStore';
import { PricedCluster } from '../pricedClusters';
import { recommendRightSizing } from './recommendRightSizing';
import type {
  RightSizingPolicy,
  RightSizingReport,
  RightSizingWorkload,
} from './rightSizingTypes';

/**
 * The service's right-sizing report: every Deployment that runs (an idle colour at 0 has no
 * usage to judge) with its requests, replicas, HPA, prices and the usage observed over the
 * window. The pure derivation (`recommendRightSizing`) decides; this only gathers its inputs.
 */
export function rightSizingOf(options: {
  entity: Entity;
  descriptor: DeliveryDescriptor;
  clusters: PricedCluster[];
  usage: UsageStore;
  productionEnvironments: ReadonlySet<string>;
  policy?: Partial<RightSizingPolicy>;
}): RightSizingReport {
  const type = String(
    (options.entity.spec as { type?: unknown } | undefined)?.type ?? 'service',
  );
  const workloads: RightSizingWorkload[] = options.clusters.flatMap(
    ({ connection, prices, deployments }) =>
      deployments
        .filter(({ deployment }) => deployment.desired > 0)
        .map(({ deployment, hpa }) => ({
          cluster: connection.name,
          namespace: deployment.namespace,
          name: deployment.name,
          requests: {
            cpuMillicores: deployment.cpuRequestMillicores,
            memoryBytes: deployment.memoryRequestBytes,
          },
          replicas: deployment.desired,
          hpa: hpa && {
            min: hpa.min,
            max: hpa.max,
            cpu: hpa.cpu,
            memory: hpa.memory,
          },
          usage: options.usage.summary(
            UsageStore.key(
              connection.name,
              deployment.namespace,
              deployment.name,
            ),
          ),
          tier: options.descriptor.tier,
          type,
          environment: {
            name: connection.environment,
            production: options.productionEnvironments.has(
              connection.environment,
            ),
          },
          prices,
          purchase: prices.purchase,
        })),
  );
  return recommendRightSizing({ workloads, policy: options.policy });
}
