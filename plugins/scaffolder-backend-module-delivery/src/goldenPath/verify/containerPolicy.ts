import { Json, K8sObject, podTemplateOf } from './k8sObjects';

const RESOURCES = [
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
] as const;

/**
 * Resources: without requests the scheduler packs blindly and the HPA cannot compute
 * utilisation; without limits one pod can starve its node.
 */
function missingResources(container: Json): string[] {
  return RESOURCES.filter(entry => {
    const [kind, resource] = entry.split('.');
    const value = container.resources?.[kind]?.[resource];
    return value === undefined || value === null || value === '';
  }).map(entry => `resources.${entry}`);
}

/**
 * The restricted Pod Security Standard, as far as the golden path relies on it: a
 * container-level setting overrides the pod-level one, where Kubernetes allows both.
 */
function securityProblems(container: Json, pod: Json): string[] {
  const own = container.securityContext ?? {};
  const podLevel = pod.securityContext ?? {};
  const problems: string[] = [];
  if ((own.runAsNonRoot ?? podLevel.runAsNonRoot) !== true)
    problems.push(
      'does not set runAsNonRoot: true (in the pod or container securityContext)',
    );
  if ((own.runAsUser ?? podLevel.runAsUser) === 0)
    problems.push('sets runAsUser: 0 (root)');
  if (own.readOnlyRootFilesystem !== true)
    problems.push('does not set readOnlyRootFilesystem: true');
  if (own.allowPrivilegeEscalation !== false)
    problems.push('does not set allowPrivilegeEscalation: false');
  return problems;
}

/**
 * Every container of every pod template: requests and limits, the security context,
 * and for a Deployment liveness and readiness probes (a rolling update waits for
 * readiness; without liveness a hung process is never restarted). Jobs run to
 * completion, so probes are not asked of them.
 */
export function checkContainers(objects: K8sObject[]): string[] {
  const messages: string[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (!template) continue;
    const groups: Array<[string, Json[]]> = [
      ['init container', template.spec.initContainers ?? []],
      ['container', template.spec.containers ?? []],
    ];
    for (const [label, containers] of groups) {
      for (const container of containers) {
        const prefix = `${template.owner}: ${label} "${container.name}"`;
        const missing = missingResources(container);
        if (missing.length)
          messages.push(`${prefix} has no ${missing.join(', ')}`);
        if (template.kind === 'Deployment' && label === 'container') {
          if (!container.livenessProbe)
            messages.push(`${prefix} has no liveness probe`);
          if (!container.readinessProbe)
            messages.push(`${prefix} has no readiness probe`);
        }
        for (const problem of securityProblems(container, template.spec))
          messages.push(`${prefix} ${problem}`);
      }
    }
  }
  return messages;
}
