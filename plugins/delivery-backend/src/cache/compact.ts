import type {
  CompactCondition,
  CompactContainer,
  CompactDeployment,
  CompactHpa,
  CompactPod,
  CompactReplicaSet,
} from '@internal/backstage-plugin-delivery-common';
import { Interner, NO_POOL } from './StringPool';

/**
 * Kubernetes objects reduced to the fields the rollout derivation reads. The cache keeps
 * only these rows, so a cluster of thousands of workloads costs a few hundred bytes each
 * instead of the several kilobytes of the full objects. Inputs are plain JSON as the API
 * server sends it; every field may be missing on a fresh object. Strings that repeat
 * across rows (namespaces, images, reasons, owner uids) go through the cache's pool.
 */
type Json = any;

const controllerUid = (object: Json): string | undefined =>
  (object.metadata?.ownerReferences ?? []).find((ref: Json) => ref.controller)
    ?.uid;

function conditionsOf(
  object: Json,
  keep: string[],
  pool: Interner,
): CompactCondition[] {
  return (object.status?.conditions ?? [])
    .filter((c: Json) => keep.includes(c.type))
    .map((c: Json) => ({
      type: pool.intern(c.type),
      status: pool.intern(c.status),
      reason: pool.intern(c.reason),
      lastUpdateTime: c.lastUpdateTime,
    }));
}

export function compactDeployment(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CompactDeployment {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    uid: pool.intern(object.metadata?.uid ?? ''),
    track: pool.intern(object.metadata?.labels?.['delivery/track']),
    generation: object.metadata?.generation ?? 0,
    observedGeneration: status.observedGeneration,
    desired: spec.replicas ?? 1,
    paused: Boolean(spec.paused),
    strategyType:
      spec.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate',
    image: pool.intern(spec.template?.spec?.containers?.[0]?.image ?? ''),
    replicas: status.replicas ?? 0,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    conditions: conditionsOf(object, ['Progressing', 'Available'], pool),
    createdAt: object.metadata?.creationTimestamp ?? '',
  };
}

export function compactReplicaSet(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CompactReplicaSet {
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    uid: pool.intern(object.metadata?.uid ?? ''),
    ownerUid: pool.intern(controllerUid(object)),
    revision: Number(
      object.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0,
    ),
    image: pool.intern(
      object.spec?.template?.spec?.containers?.[0]?.image ?? '',
    ),
    desired: object.spec?.replicas ?? 0,
    ready: object.status?.readyReplicas ?? 0,
    createdAt: object.metadata?.creationTimestamp ?? '',
  };
}

function compactContainer(status: Json, pool: Interner): CompactContainer {
  return {
    name: pool.intern(status.name),
    ready: Boolean(status.ready),
    restarts: status.restartCount ?? 0,
    waitingReason: pool.intern(status.state?.waiting?.reason),
    waitingMessage: status.state?.waiting?.message,
    terminatedReason: pool.intern(status.state?.terminated?.reason),
    lastTerminatedReason: pool.intern(status.lastState?.terminated?.reason),
    lastExitCode: status.lastState?.terminated?.exitCode,
    startedAt: status.state?.running?.startedAt,
  };
}

export function compactPod(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CompactPod {
  const statuses: Json[] = object.status?.containerStatuses ?? [];
  // A pod that has not reported container statuses yet still has its containers.
  const containers = statuses.length
    ? statuses.map(status => compactContainer(status, pool))
    : (object.spec?.containers ?? []).map((c: Json) => ({
        name: pool.intern(c.name),
        ready: false,
        restarts: 0,
      }));
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    ownerUid: pool.intern(controllerUid(object)),
    phase: pool.intern(object.status?.phase ?? 'Pending'),
    ready: (object.status?.conditions ?? []).some(
      (c: Json) => c.type === 'Ready' && c.status === 'True',
    ),
    node: pool.intern(object.spec?.nodeName),
    createdAt: object.metadata?.creationTimestamp ?? '',
    containers,
  };
}

function resourceMetric(object: Json, name: string) {
  const target = (object.spec?.metrics ?? []).find(
    (m: Json) => m.type === 'Resource' && m.resource?.name === name,
  )?.resource?.target?.averageUtilization;
  const current = (object.status?.currentMetrics ?? []).find(
    (m: Json) => m.type === 'Resource' && m.resource?.name === name,
  )?.resource?.current?.averageUtilization;
  return target === undefined && current === undefined
    ? undefined
    : { current, target };
}

export function compactHpa(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CompactHpa {
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    targetName: object.spec?.scaleTargetRef?.name ?? '',
    min: object.spec?.minReplicas ?? 1,
    max: object.spec?.maxReplicas ?? 1,
    current: object.status?.currentReplicas ?? 0,
    desired: object.status?.desiredReplicas ?? 0,
    cpu: resourceMetric(object, 'cpu'),
    memory: resourceMetric(object, 'memory'),
  };
}
