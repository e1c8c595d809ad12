import { Cluster, ClusterSpec } from '../fleet/Cluster';
import { KINDS, typeMeta } from '../sim/objects';
import { ServiceSeed } from './catalog';
import { MISSING_FROM_DR, SCENARIOS } from './scenarios';
import { seedDisasterRecovery } from './seedDisasterRecovery';
import { seedVelero } from './seedVelero';
import { Placement, seedService } from './seedService';

const ZONES = ['a', 'b', 'c'];

/** How many replicas a service runs in a cluster; undefined when it does not run there. */
export function placementOf(
  service: ServiceSeed,
  cluster: Cluster,
): Placement | undefined {
  const { environment, role, region } = cluster.spec;
  if (role === 'dr') {
    if (service.tier === 'experimental' || service.drRegion !== region)
      return undefined;
    if (MISSING_FROM_DR.has(service.name)) return undefined;
    // Critical services keep a warm standby; standard ones are deployed at zero (pilot light).
    return { role, environment, replicas: service.tier === 'critical' ? 2 : 0 };
  }
  if (!service.environments.includes(environment)) return undefined;
  if (environment === 'production') {
    return { role, environment, replicas: service.tier === 'critical' ? 4 : 2 };
  }
  return { role, environment, replicas: service.tier === 'critical' ? 2 : 1 };
}

/**
 * Nodes across three zones, namespaces, every service that runs in this cluster, and the
 * DR objects of its databases (which need the rest of the fleet: `fleet`).
 */
export function seedCluster(
  cluster: Cluster,
  services: ServiceSeed[],
  now: number,
  fleet: ClusterSpec[] = [cluster.spec],
): void {
  const { store } = cluster;
  const created = new Date(now - 200 * 86_400_000).toISOString();
  for (let i = 0; i < 6; i++) {
    const zone = `${cluster.spec.region}${ZONES[i % 3]}`;
    store.create(KINDS.node, {
      ...typeMeta('Node'),
      metadata: {
        name: `${cluster.name}-node-${i + 1}`,
        labels: {
          'topology.kubernetes.io/zone': zone,
          'topology.kubernetes.io/region': cluster.spec.region,
          'node.kubernetes.io/instance-type': 'm6i.2xlarge',
        },
        creationTimestamp: created,
      },
      spec: {},
      status: {
        capacity: { cpu: '8', memory: '32Gi', pods: '110' },
        allocatable: { cpu: '7910m', memory: '31Gi', pods: '110' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastTransitionTime: created,
            lastHeartbeatTime: created,
          },
        ],
      },
    });
  }

  const namespaces = new Set([
    'default',
    'kube-system',
    ...services.map(s => s.system),
  ]);
  for (const name of namespaces) {
    store.create(KINDS.namespace, {
      ...typeMeta('Namespace'),
      metadata: {
        name,
        labels: { 'kubernetes.io/metadata.name': name },
        creationTimestamp: created,
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  const placed: Array<{ service: ServiceSeed; placement: Placement }> = [];
  for (const service of services) {
    const placement = placementOf(service, cluster);
    if (!placement) continue;
    placed.push({ service, placement });
    const scenario = SCENARIOS[service.name];
    seedService(
      cluster,
      service,
      placement,
      scenario?.cluster === cluster.name ? scenario : undefined,
      now,
    );
  }
  // After the workloads, so the names seeded above do not depend on the DR objects.
  seedDisasterRecovery(cluster, placed, fleet, now);
  seedVelero(
    cluster,
    placed.map(p => p.service),
    now,
  );
}
