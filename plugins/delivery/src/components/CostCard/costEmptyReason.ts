import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ENVIRONMENTS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  CostAnswer,
} from '@internal/backstage-plugin-delivery-common';

/** What the card says instead of a table of zeros. */
export interface CostEmptyText {
  title: string;
  description: string;
}

/**
 * Nothing to price: no cluster line has a Deployment (the backend may list no cluster, or
 * clusters where the service has nothing). Says what is missing: the annotation that
 * finds the workloads, or the workloads themselves.
 */
export function costEmptyReason(
  answer: CostAnswer,
  entity: Entity,
): CostEmptyText | undefined {
  if (answer.clusters.some(line => line.estimate.deployments.length > 0)) {
    return undefined;
  }
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[ANNOTATION_KUBERNETES_ID];
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  const title = 'No workloads found in any cluster';
  const priced =
    'Cost is priced from the CPU and memory requests of the service’s Deployments.';
  if (!id && !selector) {
    return {
      title,
      description: `${priced} Add the ${ANNOTATION_KUBERNETES_ID} annotation to this component, and the same label to its Deployments, so Delivery can find them; list where it runs in ${ANNOTATION_ENVIRONMENTS}.`,
    };
  }
  const found = id
    ? `labelled ${ANNOTATION_KUBERNETES_ID}=${id}`
    : `matching the label selector ${selector}`;
  return {
    title,
    description: `${priced} No connected cluster has Deployments ${found}: deploy the service to an environment in ${ANNOTATION_ENVIRONMENTS}, or fix the label.`,
  };
}
