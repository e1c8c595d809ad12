import { LABEL_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import { K8sObject, objectName, podTemplateOf } from './k8sObjects';

const hasId = (labels: Record<string, string> | undefined) =>
  typeof labels?.[LABEL_KUBERNETES_ID] === 'string' &&
  labels[LABEL_KUBERNETES_ID] !== '';

/**
 * Every object carries the label, and so do its pod template (Pods are what the
 * Kubernetes tab lists) and a CronJob's job template (the Jobs it creates).
 */
export function checkLabels(objects: K8sObject[]): string[] {
  const messages: string[] = [];
  for (const object of objects) {
    const name = objectName(object);
    if (!hasId(object.metadata?.labels))
      messages.push(`${name}: metadata.labels has no ${LABEL_KUBERNETES_ID}`);
    if (
      object.kind === 'CronJob' &&
      !hasId(object.spec?.jobTemplate?.metadata?.labels)
    )
      messages.push(
        `${name}: job template has no ${LABEL_KUBERNETES_ID} label`,
      );
    const template = podTemplateOf(object);
    if (template && !hasId(template.metadata.labels))
      messages.push(
        `${name}: pod template has no ${LABEL_KUBERNETES_ID} label`,
      );
  }
  return messages;
}
