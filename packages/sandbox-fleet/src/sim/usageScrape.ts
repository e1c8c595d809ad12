import { parseQuantity } from '../api/quantity';
import type { Cluster } from '../fleet/Cluster';
import type { KubeObject } from '../store/types';
import { controllerUid, isPodReady, KINDS } from './objects';
import type { ContainerUsage, NodeUsage, UsageScrape } from './scrapedUsage';
import { fractionOf, serviceOf, UsageModel } from './usageModel';

/** A pod out of its Service's endpoints still runs: start-up work and health checks. */
const UNREADY_CPU_FRACTION = 0.03;
/** What a container without a request is taken to need, to give it some usage at all. */
const NOMINAL_CPU_REQUEST = 0.1;
const NOMINAL_MEMORY_REQUEST = 256 * 2 ** 20;
const PAGE = 4096;

/** Running, with every container running: what the kubelet reports usage for. */
function hasUsage(pod: KubeObject): boolean {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  return (
    pod.status?.phase === 'Running' &&
    statuses.length > 0 &&
    statuses.every(s => s.state?.running)
  );
}

interface Requests {
  name: string;
  cpu: number;
  memory: number;
}

function requestsOf(pod: KubeObject): Requests[] {
  return (pod.spec?.containers ?? []).map((c: any) => ({
    name: c.name,
    cpu: parseQuantity(c.resources?.requests?.cpu) ?? 0,
    memory: parseQuantity(c.resources?.requests?.memory) ?? 0,
  }));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Per-pod spread around 1 whose request-weighted mean is exactly 1, so the pods of a
 * workload differ while their total stays what the load model says (and what the HPA saw).
 */
function spread(
  pods: KubeObject[],
  weightOf: (pod: KubeObject) => number,
  requestOf: (pod: KubeObject) => number,
): Map<string, number> {
  const raw = pods.map(pod => ({ pod, weight: weightOf(pod) }));
  const requested = sum(pods.map(requestOf));
  const weighted = sum(raw.map(r => r.weight * requestOf(r.pod)));
  const scale = weighted > 0 ? requested / weighted : 1;
  return new Map(raw.map(r => [r.pod.metadata.uid!, r.weight * scale]));
}

/**
 * Reads the usage of every running pod and ready node from the load model. A Deployment an
 * HPA scales has its load shared among its ready pods, so their summed CPU over their summed
 * requests is the utilisation the HPA computed at this moment; ready pods of other workloads
 * run at their service's nominal share, and pods out of their Service's endpoints idle.
 * Memory is the service's fraction of the request. Both vary per pod and per read by a few
 * percent, deterministically. A node adds its system's usage to its pods'.
 */
export function scrapeUsage(
  cluster: Cluster,
  usage: UsageModel,
  windowMs: number,
): UsageScrape {
  const { store } = cluster;
  const now = cluster.clock.now();

  const deploymentOfReplicaSet = new Map<string, string>();
  for (const rs of store.all(KINDS.replicaSet)) {
    const owner = controllerUid(rs);
    if (owner) deploymentOfReplicaSet.set(rs.metadata.uid!, owner);
  }
  const deployments = new Map(
    store.all(KINDS.deployment).map(d => [d.metadata.uid!, d]),
  );
  const loads = new Map<string, number>();
  for (const hpa of store.all(KINDS.hpa)) {
    const ref = hpa.spec?.scaleTargetRef;
    if (ref?.kind !== 'Deployment') continue;
    const target = store.get(
      KINDS.deployment,
      hpa.metadata.namespace,
      ref.name,
    );
    const load = target && usage.currentLoad(hpa);
    if (target && load !== undefined) loads.set(target.metadata.uid!, load);
  }

  // Pods of one Deployment share its load; any other pod stands alone.
  const workloads = new Map<string, KubeObject[]>();
  for (const pod of store.all(KINDS.pod)) {
    if (!hasUsage(pod)) continue;
    const rs = controllerUid(pod);
    const key = (rs && deploymentOfReplicaSet.get(rs)) ?? pod.metadata.uid!;
    const pods = workloads.get(key) ?? [];
    pods.push(pod);
    workloads.set(key, pods);
  }

  const pods = new Map<string, ContainerUsage[]>();
  for (const [key, members] of workloads) {
    const service = serviceOf(deployments.get(key) ?? members[0]);
    const cpuFraction = (readyPods: number) => {
      const load = loads.get(key);
      return load === undefined
        ? usage.unscaledCpuFraction(service)
        : load / Math.max(1, readyPods);
    };
    workloadUsage(
      members,
      cpuFraction,
      usage.memoryFraction(service),
      now,
    ).forEach((containers, uid) => pods.set(uid, containers));
  }

  const onNode = new Map<string, NodeUsage>();
  for (const pod of store.all(KINDS.pod)) {
    const containers = pods.get(pod.metadata.uid!);
    const nodeName = pod.spec?.nodeName;
    if (!containers || !nodeName) continue;
    const node = onNode.get(nodeName) ?? { cpuNanocores: 0, memoryBytes: 0 };
    for (const c of containers) {
      node.cpuNanocores += c.cpuNanocores;
      node.memoryBytes += c.memoryBytes;
    }
    onNode.set(nodeName, node);
  }

  const nodes = new Map<string, NodeUsage>();
  for (const node of store.all(KINDS.node)) {
    if (!isNodeReady(node)) continue;
    const name = node.metadata.name;
    const podsUsage = onNode.get(name) ?? { cpuNanocores: 0, memoryBytes: 0 };
    nodes.set(name, {
      cpuNanocores: Math.round(podsUsage.cpuNanocores + systemCpu(name, now)),
      memoryBytes: podsUsage.memoryBytes + systemMemory(name, now),
    });
  }
  return { timestamp: now, windowMs, pods, nodes };
}

/**
 * The usage of one workload's running pods: ready pods share `cpuFraction(ready count)` of
 * their requests, spread per pod; unready ones idle; memory is `memoryFraction` of the
 * requests, spread per pod and per read.
 */
function workloadUsage(
  members: KubeObject[],
  cpuFraction: (readyPods: number) => number,
  memoryFraction: number,
  now: number,
): Map<string, ContainerUsage[]> {
  const requests = new Map(members.map(p => [p.metadata.uid!, requestsOf(p)]));
  const cpuRequest = (p: KubeObject) =>
    sum(requests.get(p.metadata.uid!)!.map(r => r.cpu)) || NOMINAL_CPU_REQUEST;
  const memoryRequest = (p: KubeObject) =>
    sum(
      requests
        .get(p.metadata.uid!)!
        .map(r => r.memory || NOMINAL_MEMORY_REQUEST),
    );
  // A stable offset per pod times a smaller one per read, both fixed by the pod's uid.
  const jitter = (p: KubeObject, what: string, stable: number, read: number) =>
    (1 - stable + 2 * stable * fractionOf(`${p.metadata.uid}:${what}`)) *
    (1 - read + 2 * read * fractionOf(`${p.metadata.uid}:${what}:${now}`));

  const ready = members.filter(isPodReady);
  const share = cpuFraction(ready.length);
  const cpuSpread = spread(
    ready,
    p => jitter(p, 'cpu', 0.15, 0.04),
    cpuRequest,
  );
  const memorySpread = spread(
    members,
    p => jitter(p, 'memory', 0.08, 0.01),
    memoryRequest,
  );

  const usage = new Map<string, ContainerUsage[]>();
  for (const pod of members) {
    const uid = pod.metadata.uid!;
    const podCpu =
      (cpuSpread.has(uid)
        ? share * cpuSpread.get(uid)!
        : UNREADY_CPU_FRACTION * jitter(pod, 'cpu', 0.15, 0.04)) *
      cpuRequest(pod);
    const containers = requests.get(uid)!;
    const cpuRequested = sum(containers.map(c => c.cpu));
    usage.set(
      uid,
      containers.map(c => {
        const cpuShare =
          cpuRequested > 0 ? c.cpu / cpuRequested : 1 / containers.length;
        const memory =
          memoryFraction *
          memorySpread.get(uid)! *
          (c.memory || NOMINAL_MEMORY_REQUEST);
        return {
          name: c.name,
          cpuNanocores: Math.round(podCpu * cpuShare * 1e9),
          memoryBytes: Math.max(PAGE, Math.round(memory / PAGE) * PAGE),
        };
      }),
    );
  }
  return usage;
}

function isNodeReady(node: KubeObject): boolean {
  return (node.status?.conditions ?? []).some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  );
}

/** Kubelet, container runtime, kube-proxy and the CNI: 120–200m of a node's CPU. */
function systemCpu(node: string, now: number): number {
  const base = 0.12 + 0.08 * fractionOf(`${node}:system-cpu`);
  return base * (0.9 + 0.2 * fractionOf(`${node}:system-cpu:${now}`)) * 1e9;
}

/** ... and 1–1.4 GiB of its memory. */
function systemMemory(node: string, now: number): number {
  const base = 1 + 0.4 * fractionOf(`${node}:system-memory`);
  const bytes =
    base * (0.99 + 0.02 * fractionOf(`${node}:system-memory:${now}`)) * 2 ** 30;
  return Math.round(bytes / PAGE) * PAGE;
}
