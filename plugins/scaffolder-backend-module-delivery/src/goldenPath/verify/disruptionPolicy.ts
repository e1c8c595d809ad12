import { isZero } from './workloadPolicy';
import {
  K8sObject,
  LabelSelector,
  objectName,
  podTemplateOf,
  selects,
} from './k8sObjects';

const SCALED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet'];

/**
 * The fewest pods a workload runs: an HPA's minReplicas when one targets it, otherwise
 * spec.replicas (default 1). 0 replicas switches the HPA off, so 0 stays 0.
 */
function replicaFloor(workload: K8sObject, objects: K8sObject[]): number {
  const replicas = workload.spec?.replicas;
  if (replicas === 0) return 0;
  const autoscaler = objects.find(
    object =>
      object.kind === 'HorizontalPodAutoscaler' &&
      object.spec?.scaleTargetRef?.kind === workload.kind &&
      object.spec?.scaleTargetRef?.name === workload.metadata?.name,
  );
  if (autoscaler) return autoscaler.spec?.minReplicas ?? 1;
  return typeof replicas === 'number' ? replicas : 1;
}

/** Percentages round up, as the disruption controller rounds them. */
function podsOf(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = Number.parseFloat(value);
  return Math.ceil((percent * total) / 100);
}

/**
 * The setting by which a PodDisruptionBudget allows no eviction at all, if it does:
 * a node drain (cluster upgrade, autoscaler scale-down) then hangs until someone
 * deletes the budget.
 */
function blockingSetting(
  budget: K8sObject,
  objects: K8sObject[],
): string | undefined {
  const { maxUnavailable, minAvailable } = budget.spec ?? {};
  if (maxUnavailable !== undefined)
    return isZero(maxUnavailable)
      ? `maxUnavailable ${JSON.stringify(maxUnavailable)}`
      : undefined;
  if (minAvailable === undefined) return undefined;
  if (minAvailable === '100%') return 'minAvailable "100%"';
  const selector = budget.spec?.selector as LabelSelector | undefined;
  const selected = objects.filter(
    object =>
      SCALED_KINDS.includes(object.kind ?? '') &&
      selects(selector, podTemplateOf(object)?.metadata.labels),
  );
  const floor = selected.reduce(
    (sum, workload) => sum + replicaFloor(workload, objects),
    0,
  );
  if (floor === 0 || podsOf(minAvailable, floor) < floor) return undefined;
  return `minAvailable ${JSON.stringify(
    minAvailable,
  )} (the replica floor of ${selected
    .map(objectName)
    .join(' + ')} is ${floor})`;
}

/** PodDisruptionBudgets must leave room for at least one voluntary eviction. */
export function checkDisruptionBudgets(objects: K8sObject[]): string[] {
  const messages: string[] = [];
  for (const budget of objects) {
    if (budget.kind !== 'PodDisruptionBudget') continue;
    const setting = blockingSetting(budget, objects);
    if (setting)
      messages.push(
        `${objectName(
          budget,
        )}: ${setting} blocks every eviction, so node drains cannot make progress`,
      );
  }
  return messages;
}
