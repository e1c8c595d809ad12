import { Cluster } from '../fleet/Cluster';
import { KINDS, controllerRef, typeMeta } from '../sim/objects';
import { KubeObject } from '../store/types';
import { ServiceSeed } from './catalog';

/** What seeding one service in one cluster works with. */
export interface Seeder {
  cluster: Cluster;
  service: ServiceSeed;
  namespace: string;
  now: number;
  /** When the service was first deployed to this cluster. */
  createdAt: string;
  iso: (ms: number) => string;
}

export function nodeNames(cluster: Cluster): string[] {
  return cluster.store.list(KINDS.node).map(n => n.metadata.name);
}

/** A pod of a ReplicaSet, running and ready since `startedAt`. */
export function readyPod(
  s: Seeder,
  rs: KubeObject,
  startedAt: number,
): KubeObject {
  const started = s.iso(startedAt);
  const containers = rs.spec.template.spec.containers;
  const hash = rs.metadata.labels?.['pod-template-hash'];
  return {
    ...typeMeta('Pod'),
    metadata: {
      name: `${rs.metadata.name}-${s.cluster.random.suffix()}`,
      namespace: s.namespace,
      labels: {
        ...rs.spec.template.metadata.labels,
        ...(hash ? { 'pod-template-hash': hash } : {}),
      },
      ownerReferences: [controllerRef(rs)],
      creationTimestamp: started,
    },
    spec: {
      ...rs.spec.template.spec,
      nodeName: s.cluster.random.pick(nodeNames(s.cluster)),
    },
    status: {
      phase: 'Running',
      conditions: [
        'PodScheduled',
        'Initialized',
        'ContainersReady',
        'Ready',
      ].map(type => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: started,
      })),
      hostIP: `10.0.${s.cluster.random.int(0, 15)}.${s.cluster.random.int(
        2,
        250,
      )}`,
      podIP: `10.244.${s.cluster.random.int(0, 255)}.${s.cluster.random.int(
        2,
        250,
      )}`,
      startTime: started,
      qosClass: 'Burstable',
      containerStatuses: containers.map((c: any, i: number) => ({
        name: c.name,
        image: c.image,
        imageID: `${c.image}@sha256:${i}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: started } },
        containerID: `containerd://seed-${i}`,
      })),
    },
  };
}
