import type { DeliveryApiSchemas } from '../deliveryApi';
import { RolloutStatus } from './computeRollout';

/**
 * A cluster as the Delivery cache sees it: ok while in sync; stale once its watch failed
 * after data arrived (the last known state is kept, `syncedAt` says how old it is);
 * unreachable when nothing ever arrived. Defined by the contract.
 * @public
 */
export type ClusterSnapshot = DeliveryApiSchemas['ClusterSnapshot'];

/** What `GET /api/delivery/rollouts?entityRef=` answers. @public */
export interface EntityRollouts {
  entityRef: string;
  /** The label value workloads are found by; absent when the entity declares none. */
  kubernetesId?: string;
  /** The entity's `backstage.io/kubernetes-label-selector`, when it names workloads that way. */
  labelSelector?: string;
  /** One row per cluster, in environment order, primary before DR. */
  clusters: Array<{ cluster: ClusterSnapshot; rollout: RolloutStatus }>;
}
