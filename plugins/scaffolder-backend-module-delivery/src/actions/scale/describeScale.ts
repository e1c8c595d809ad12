import { podsAfter } from './scaleCostChange';
import { Bounds, ScaleTarget } from './scalePlan';

/** Bounds as people write them: `2–6`. */
export const boundsText = (bounds: Bounds) =>
  `${bounds.minReplicas}–${bounds.maxReplicas}`;

/**
 * What the plan does to one Deployment, for the task log (and a dry run's answer):
 * `staging: api: HPA api 2–4 → 2–6 (3 → 3 replicas)`.
 */
export function planLine(target: ScaleTarget): string {
  const where = `${target.cluster}: ${target.deployment}`;
  if (target.change.kind === 'replicas')
    return `${where}: ${target.replicas} → ${target.change.to} replicas`;
  return `${where}: HPA ${target.change.autoscaler} ${boundsText(
    target.change.from,
  )} → ${boundsText(target.change.to)} (${target.replicas} → ${podsAfter(
    target,
  )} replicas)`;
}

/** What a Deployment ended with, for the summary: `api on staging: HPA 2–6 (was 2–4), 3 replicas now`. */
export function outcomeLine(target: ScaleTarget, available: number): string {
  const where = `${target.deployment} on ${target.cluster}`;
  if (target.change.kind === 'replicas')
    return `${where}: ${available} replicas (was ${target.replicas})`;
  return `${where}: HPA ${boundsText(target.change.to)} (was ${boundsText(
    target.change.from,
  )}), ${available} replicas now`;
}

/**
 * An autoscaler's new bounds as the audit log records the change (a Deployment's replicas
 * are in the workloads the frame compares):
 * `staging/propertyos/HorizontalPodAutoscaler/api: replicas 2–4 → 2–6`.
 */
export function changeLine(target: ScaleTarget): string[] {
  const { change } = target;
  if (change.kind !== 'autoscaler') return [];
  const [from, to] = [boundsText(change.from), boundsText(change.to)];
  return from === to
    ? []
    : [
        `${target.cluster}/${target.namespace}/HorizontalPodAutoscaler/${change.autoscaler}: replicas ${from} → ${to}`,
      ];
}
