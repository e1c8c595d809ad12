import type { KubernetesObject } from '@kubernetes/client-node';

/** Annotation prefixes Delivery owns on cluster objects. */
const DELIVERY_ANNOTATIONS = /^delivery(\.backstage\.io)?\//;

/**
 * What a user of an object would notice changing: its spec (replicas, image, selector,
 * HPA bounds), its labels and the annotations Delivery sets. Controllers rewrite
 * `resourceVersion`, `status`, `managedFields` and their own annotations (a Deployment's
 * `deployment.kubernetes.io/revision`) at any time, so "nothing changed" is asserted on
 * this instead.
 */
export function userVisibleState(
  object: KubernetesObject & { spec?: unknown },
) {
  return {
    kind: object.kind,
    name: object.metadata?.name,
    spec: object.spec,
    labels: object.metadata?.labels ?? {},
    annotations: Object.fromEntries(
      Object.entries(object.metadata?.annotations ?? {}).filter(([key]) =>
        DELIVERY_ANNOTATIONS.test(key),
      ),
    ),
  };
}
