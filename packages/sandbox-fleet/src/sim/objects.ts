import { preferredType, storageKey, apiVersionOf } from '../api/resources';
import { KubeObject, OwnerReference } from '../store/types';

/** Storage keys of the kinds the controllers work on. */
export const KINDS = {
  namespace: storageKey(preferredType('Namespace')),
  node: storageKey(preferredType('Node')),
  pod: storageKey(preferredType('Pod')),
  service: storageKey(preferredType('Service')),
  deployment: storageKey(preferredType('Deployment')),
  replicaSet: storageKey(preferredType('ReplicaSet')),
  hpa: storageKey(preferredType('HorizontalPodAutoscaler')),
  pdb: storageKey(preferredType('PodDisruptionBudget')),
  job: storageKey(preferredType('Job')),
  cronJob: storageKey(preferredType('CronJob')),
};

/** apiVersion and kind for a new object of a kind. */
export function typeMeta(kind: string): { apiVersion: string; kind: string } {
  return { apiVersion: apiVersionOf(preferredType(kind)), kind };
}

export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerUid(object: KubeObject): string | undefined {
  return object.metadata.ownerReferences?.find(ref => ref.controller)?.uid;
}

/** Groups objects by the uid of their controlling owner. */
export function byOwner(objects: KubeObject[]): Map<string, KubeObject[]> {
  const index = new Map<string, KubeObject[]>();
  for (const object of objects) {
    const uid = controllerUid(object);
    if (!uid) continue;
    const list = index.get(uid) ?? [];
    list.push(object);
    index.set(uid, list);
  }
  return index;
}

/** `25%` of 8 rounds up for surge and down for unavailability, as Kubernetes does. */
export function resolveIntOrPercent(
  value: number | string | undefined,
  total: number,
  fallback: string,
  roundUp: boolean,
): number {
  const raw = value ?? fallback;
  if (typeof raw === 'number') return raw;
  const match = /^(\d+)%$/.exec(raw);
  if (!match) return Number(raw) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function isPodReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Sets a condition, keeping lastTransitionTime when its status does not change.
 * Returns a new list.
 */
export function setCondition(
  conditions: any[] | undefined,
  next: { type: string; status: string; reason: string; message: string },
  now: string,
  extra: Record<string, string> = {},
): any[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex(c => c.type === next.type);
  const previous = index >= 0 ? list[index] : undefined;
  const condition = {
    ...extra,
    ...next,
    lastTransitionTime:
      previous && previous.status === next.status
        ? previous.lastTransitionTime
        : now,
  };
  if (index >= 0) list[index] = condition;
  else list.push(condition);
  return list;
}
