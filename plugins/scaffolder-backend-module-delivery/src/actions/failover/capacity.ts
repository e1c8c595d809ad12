import {
  cpuMillicores,
  memoryBytes,
} from '@internal/backstage-plugin-delivery-common';
import { V1Deployment, V1Node, V1Pod } from '@kubernetes/client-node';

/** CPU (millicores) and memory (bytes). */
export interface Resources {
  cpu: number;
  memory: number;
}

const requestsOf = (
  containers: Array<{ resources?: { requests?: Record<string, string> } }>,
): Resources =>
  containers.reduce(
    (sum, c) => ({
      cpu: sum.cpu + (cpuMillicores(c.resources?.requests?.cpu ?? '0') ?? 0),
      memory:
        sum.memory + (memoryBytes(c.resources?.requests?.memory ?? '0') ?? 0),
    }),
    { cpu: 0, memory: 0 },
  );

/** What one more pod of a Deployment asks the scheduler for. */
export function podRequests(deployment: V1Deployment): Resources {
  return requestsOf(deployment.spec?.template?.spec?.containers ?? []);
}

/**
 * Room left on ready, schedulable nodes: allocatable minus what the pods already placed
 * there request, as the scheduler counts it.
 */
export function freeCapacity(nodes: V1Node[], pods: V1Pod[]): Resources {
  const usable = nodes.filter(
    node =>
      !node.spec?.unschedulable &&
      node.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'True',
      ),
  );
  const names = new Set(usable.map(n => n.metadata?.name));
  const allocatable = usable.reduce(
    (sum, node) => ({
      cpu: sum.cpu + (cpuMillicores(node.status?.allocatable?.cpu ?? '0') ?? 0),
      memory:
        sum.memory +
        (memoryBytes(node.status?.allocatable?.memory ?? '0') ?? 0),
    }),
    { cpu: 0, memory: 0 },
  );
  const placed = pods
    .filter(pod => names.has(pod.spec?.nodeName))
    .map(pod => requestsOf(pod.spec?.containers ?? []))
    .reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), {
      cpu: 0,
      memory: 0,
    });
  return {
    cpu: allocatable.cpu - placed.cpu,
    memory: allocatable.memory - placed.memory,
  };
}

export const formatResources = (r: Resources) =>
  `${(r.cpu / 1000).toFixed(2)} CPU, ${(r.memory / 2 ** 30).toFixed(2)} GiB`;
