import type {
  CompactCondition,
  CompactContainer,
  CompactDeployment,
  CompactHpa,
  CompactPod,
  CompactReplicaSet,
  CompactRow,
} from '@internal/backstage-plugin-delivery-common';
import {
  LABEL_APP_COMPONENT,
  LABEL_TRACK,
  podRequestsOf,
} from '@internal/backstage-plugin-delivery-common';
import type { DrContainerProbes } from '../dr/readiness/evidence';
import { Interner, NO_POOL } from './StringPool';

/**
 * Kubernetes objects reduced to the fields the rollout derivation and the DR readiness
 * checks read. The cache keeps only these rows, so a cluster of thousands of workloads
 * costs a few hundred bytes each instead of the several kilobytes of the full objects.
 * Inputs are plain JSON as the API server sends it; every field may be missing on a fresh
 * object. Strings that repeat across rows (namespaces, images, reasons, owner uids) go
 * through the cache's pool, and so do lists many rows hold alike (labels, probes).
 */
type Json = any;

/** A label selector's `matchExpressions` term. */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: readonly string[];
}

/** A label selector as Kubernetes writes it. */
export interface CompactLabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  /** Absent when the selector has none, which is nearly always. */
  matchExpressions?: readonly LabelSelectorRequirement[];
}

/**
 * A Deployment row with what the DR hygiene checks read besides the rollout's fields. The
 * three lists are the same for every Deployment rendered from one template, so each
 * distinct one is held once through the pool.
 */
export interface CachedDeployment extends CompactDeployment {
  /** Per container of the pod template, whether it has a liveness and a readiness probe. */
  probes: readonly DrContainerProbes[];
  /**
   * topologyKeys of the pod template's topologySpreadConstraints and pod anti-affinity
   * terms (required and preferred).
   */
  spreadKeys: readonly string[];
  /** The pod template's labels: which PodDisruptionBudgets select its pods. */
  podLabels: Readonly<Record<string, string>>;
  /** What one pod requests, all containers summed: the cost model's input. */
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
}

/** A PodDisruptionBudget, for the DR checks. */
export interface CompactPdb extends CompactRow {
  namespace: string;
  name: string;
  /** Absent: the PDB has no selector and selects no pod. */
  selector?: CompactLabelSelector;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  currentHealthy: number;
  desiredHealthy: number;
}

/** A CronJob (the golden path's backup among them), for the DR checks. */
export interface CompactCronJob extends CompactRow {
  namespace: string;
  name: string;
  /** `app.kubernetes.io/component`, e.g. `backup`. */
  component?: string;
  suspend: boolean;
  schedule: string;
  lastSuccessfulTime?: string;
  lastScheduleTime?: string;
}

/** The zone labels of a Node; the second is the deprecated beta one older clusters set. */
const ZONE_LABELS = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';
/** Argo Rollouts' own revision annotation and pod-template hash label. */
const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';
const ROLLOUT_POD_HASH = 'rollouts-pod-template-hash';

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

/** A key that spells a string map out, for sharing equal maps. */
const mapKey = (map: Record<string, string>) =>
  Object.keys(map)
    .sort()
    .map(key => `${key}=${map[key]}`)
    .join('\u0000');

function sharedLabels(
  labels: Record<string, string> | undefined,
  pool: Interner,
): Readonly<Record<string, string>> {
  const map = labels ?? {};
  return pool.share(`labels\u0000${mapKey(map)}`, () =>
    Object.freeze({ ...map }),
  );
}

function sharedSelector(
  selector: Json,
  pool: Interner,
): CompactLabelSelector | undefined {
  if (!selector) return undefined;
  const matchLabels = sharedLabels(selector.matchLabels, pool);
  const expressions: Json[] = selector.matchExpressions ?? [];
  if (!expressions.length) return { matchLabels };
  return {
    matchLabels,
    matchExpressions: expressions.map((e: Json) => ({
      key: pool.intern(String(e.key ?? '')),
      operator: pool.intern(String(e.operator ?? '')),
      values: e.values?.map((v: Json) => pool.intern(String(v))),
    })),
  };
}

/** The topology keys the pod template spreads its pods by, in the order written. */
function spreadKeysOf(podSpec: Json, pool: Interner): readonly string[] {
  const antiAffinity = podSpec?.affinity?.podAntiAffinity ?? {};
  const keys = [
    ...(podSpec?.topologySpreadConstraints ?? []).map(
      (c: Json) => c.topologyKey,
    ),
    ...(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (term: Json) => term.topologyKey,
    ),
    ...(antiAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (weighted: Json) => weighted.podAffinityTerm?.topologyKey,
    ),
  ].filter((key): key is string => typeof key === 'string' && key !== '');
  const distinct = [...new Set(keys)];
  return pool.share(`spread\u0000${distinct.join('\u0000')}`, () =>
    Object.freeze(distinct.map(key => pool.intern(key))),
  );
}

function probesOf(podSpec: Json, pool: Interner): readonly DrContainerProbes[] {
  const probes = (podSpec?.containers ?? []).map((c: Json) => ({
    name: String(c.name ?? ''),
    livenessProbe: Boolean(c.livenessProbe),
    readinessProbe: Boolean(c.readinessProbe),
  }));
  const key = probes
    .map(
      (p: DrContainerProbes) =>
        `${p.name}\u0000${Number(p.livenessProbe)}${Number(p.readinessProbe)}`,
    )
    .join('\u0000');
  return pool.share(`probes\u0000${key}`, () =>
    Object.freeze(
      probes.map((p: DrContainerProbes) =>
        Object.freeze({ ...p, name: pool.intern(p.name) }),
      ),
    ),
  );
}

export function compactDeployment(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CachedDeployment {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  return {
    ...workloadFields(object, pool, service),
    observedGeneration: status.observedGeneration,
    strategyType:
      spec.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate',
  };
}

/**
 * What a Deployment and an Argo Rollout share: both own ReplicaSets from a pod template and
 * report the same replica counts, so the readers of Deployments read Rollouts alike.
 */
export function workloadFields(
  object: Json,
  pool: Interner,
  service?: string,
): Omit<CachedDeployment, 'observedGeneration' | 'strategyType'> {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  const podSpec = spec.template?.spec;
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    uid: pool.intern(object.metadata?.uid ?? ''),
    track: pool.intern(object.metadata?.labels?.[LABEL_TRACK]),
    generation: object.metadata?.generation ?? 0,
    desired: spec.replicas ?? 1,
    paused: Boolean(spec.paused),
    image: pool.intern(spec.template?.spec?.containers?.[0]?.image ?? ''),
    replicas: status.replicas ?? 0,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    conditions: conditionsOf(object, ['Progressing', 'Available'], pool),
    createdAt: object.metadata?.creationTimestamp ?? '',
    probes: probesOf(podSpec, pool),
    spreadKeys: spreadKeysOf(podSpec, pool),
    podLabels: sharedLabels(spec.template?.metadata?.labels, pool),
    ...podRequests(podSpec),
  };
}

function podRequests(podSpec: Json) {
  const { cpuMillicores, memoryBytes } = podRequestsOf(podSpec);
  return {
    cpuRequestMillicores: cpuMillicores,
    memoryRequestBytes: memoryBytes,
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
      object.metadata?.annotations?.[DEPLOYMENT_REVISION] ??
        object.metadata?.annotations?.[ROLLOUT_REVISION] ??
        0,
    ),
    podHash: pool.intern(object.metadata?.labels?.[ROLLOUT_POD_HASH]),
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

/** minAvailable / maxUnavailable: a count or a percentage string, as written. */
const budgetOf = (value: Json): number | string | undefined =>
  typeof value === 'number' || typeof value === 'string' ? value : undefined;

export function compactPdb(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CompactPdb {
  const spec = object.spec ?? {};
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    selector: sharedSelector(spec.selector, pool),
    minAvailable: budgetOf(spec.minAvailable),
    maxUnavailable: budgetOf(spec.maxUnavailable),
    currentHealthy: object.status?.currentHealthy ?? 0,
    desiredHealthy: object.status?.desiredHealthy ?? 0,
  };
}

export function compactCronJob(
  object: Json,
  pool: Interner = NO_POOL,
  service?: string,
): CompactCronJob {
  return {
    service,
    namespace: pool.intern(object.metadata?.namespace ?? ''),
    name: object.metadata?.name ?? '',
    component: pool.intern(object.metadata?.labels?.[LABEL_APP_COMPONENT]),
    suspend: Boolean(object.spec?.suspend),
    schedule: pool.intern(object.spec?.schedule ?? ''),
    lastSuccessfulTime: object.status?.lastSuccessfulTime,
    lastScheduleTime: object.status?.lastScheduleTime,
  };
}

/** A Node's zone (`topology.kubernetes.io/zone`), or undefined when it has none. */
export function zoneOfNode(
  object: Json,
  pool: Interner = NO_POOL,
): string | undefined {
  const labels = object.metadata?.labels ?? {};
  const zone = ZONE_LABELS.map(label => labels[label]).find(
    value => typeof value === 'string' && value !== '',
  );
  return pool.intern(zone);
}
