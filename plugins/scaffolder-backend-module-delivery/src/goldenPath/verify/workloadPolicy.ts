import { K8sObject, objectName } from './k8sObjects';

/** `0` and `"0%"` both mean no pod may be unavailable. */
export const isZero = (value: unknown) => value === 0 || value === '0%';

/**
 * A rolling update must not take serving pods down before their replacements are ready:
 * maxUnavailable 0, capacity comes from maxSurge. Kubernetes defaults a Deployment
 * without a strategy to RollingUpdate with maxUnavailable 25%, so that is checked too.
 */
function checkRollingUpdate(object: K8sObject): string | undefined {
  const strategy = object.spec?.strategy ?? {};
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return undefined;
  const maxUnavailable = strategy.rollingUpdate?.maxUnavailable;
  if (isZero(maxUnavailable)) return undefined;
  return `${objectName(object)}: rolling update maxUnavailable is ${
    maxUnavailable === undefined
      ? 'unset (Kubernetes defaults it to 25%)'
      : JSON.stringify(maxUnavailable)
  }; it must be 0 so a rollout never drops below the running capacity`;
}

/** The API server accepts minReplicas > maxReplicas only to never scale as asked. */
function checkAutoscaler(object: K8sObject): string | undefined {
  const min = object.spec?.minReplicas ?? 1;
  const max = object.spec?.maxReplicas;
  if (typeof max !== 'number' || min <= max) return undefined;
  return `${objectName(object)}: minReplicas ${min} exceeds maxReplicas ${max}`;
}

/** Deployment rollout settings and HorizontalPodAutoscaler bounds. */
export function checkWorkloads(objects: K8sObject[]): string[] {
  return objects
    .map(object => {
      if (object.kind === 'Deployment') return checkRollingUpdate(object);
      if (object.kind === 'HorizontalPodAutoscaler')
        return checkAutoscaler(object);
      return undefined;
    })
    .filter((message): message is string => message !== undefined);
}
