/**
 * Plain-object views of rendered Kubernetes manifests. The policy checks read the YAML
 * as parsed (kustomize output), so they do not depend on the typed models.
 */

export type Json = Record<string, any>;

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string> } & Json;
  spec?: Json;
}

/** `Kind/name`, the way kubectl names an object in its own messages. */
export function objectName(object: K8sObject): string {
  return `${object.kind ?? '<no kind>'}/${
    object.metadata?.name ?? '<no name>'
  }`;
}

export interface PodTemplate {
  /** The workload that owns the template, e.g. `CronJob/payments-backup`. */
  owner: string;
  kind: string;
  metadata: Json;
  spec: Json;
}

const TEMPLATE_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
];

/** The pod template of a workload (a CronJob's is inside its job template), if it has one. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  let template: Json | undefined;
  if (object.kind === 'CronJob')
    template = object.spec?.jobTemplate?.spec?.template;
  else if (TEMPLATE_KINDS.includes(object.kind ?? ''))
    template = object.spec?.template;
  if (!template) return undefined;
  return {
    owner: objectName(object),
    kind: object.kind!,
    metadata: template.metadata ?? {},
    spec: template.spec ?? {},
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/**
 * Whether a label selector selects these labels, as the API server evaluates it.
 * An empty selector selects everything (policy/v1 PodDisruptionBudget semantics).
 */
export function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  const byExpressions = (selector.matchExpressions ?? []).every(expression => {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        return has && values.includes(labels[expression.key]);
      case 'NotIn':
        return !has || !values.includes(labels[expression.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}
