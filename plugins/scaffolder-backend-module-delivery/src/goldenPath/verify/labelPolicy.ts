import { K8sObject, objectName, podTemplateOf } from './k8sObjects';

/** The label the Backstage Kubernetes plugin finds a component's objects by. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

const hasId = (labels: Record<string, string> | undefined) =>
  typeof labels?.[KUBERNETES_ID_LABEL] === 'string' &&
  labels[KUBERNETES_ID_LABEL] !== '';

/**
 * Every object carries the label, and so do its pod template (Pods are what the
 * Kubernetes tab lists) and a CronJob's job template (the Jobs it creates).
 */
export function checkLabels(objects: K8sObject[]): string[] {
  const messages: string[] = [];
  for (const object of objects) {
    const name = objectName(object);
    if (!hasId(object.metadata?.labels))
      messages.push(`${name}: metadata.labels has no ${KUBERNETES_ID_LABEL}`);
    if (
      object.kind === 'CronJob' &&
      !hasId(object.spec?.jobTemplate?.metadata?.labels)
    )
      messages.push(
        `${name}: job template has no ${KUBERNETES_ID_LABEL} label`,
      );
    const template = podTemplateOf(object);
    if (template && !hasId(template.metadata.labels))
      messages.push(
        `${name}: pod template has no ${KUBERNETES_ID_LABEL} label`,
      );
  }
  return messages;
}
