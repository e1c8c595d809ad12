import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CostAnswer,
  CostPricesAnswer,
  DELIVERY_PLUGIN_ID,
  DeliveryHealth,
  DoraAnswer,
  DoraSummary,
  DeliveryRun,
  DeliveryOverview,
  DrApproval,
  DrReadinessAnswer,
  EntityRollouts,
  FreezesAnswer,
  OverviewChanges,
} from '@internal/backstage-plugin-delivery-common';

/**
 * Client for the Delivery backend (`/api/delivery`).
 * @public
 */
export interface DeliveryApi {
  getHealth(): Promise<DeliveryHealth>;
  listRuns(options: {
    entityRef: string;
    limit?: number;
  }): Promise<DeliveryRun[]>;
  /** The entity's rollout in every cluster, from the backend's cache. */
  getRollouts(options: { entityRef: string }): Promise<EntityRollouts>;
  /**
   * Every readable service in every cluster, from the backend's cache, with the cursor to
   * ask for what changed since.
   */
  getOverview(): Promise<DeliveryOverview>;
  /**
   * What changed in the overview since `cursor` (from `getOverview` or an earlier answer);
   * `full` when the answer is everything. Apply it with `applyOverviewChanges`.
   */
  getOverviewChanges(options: { cursor: string }): Promise<OverviewChanges>;
  /** The entity's pending failover approval requests, then its last few decided ones. */
  listApprovals(options: { entityRef: string }): Promise<DrApproval[]>;
  /** Approves or rejects a pending request as the signed-in user; answers the outcome. */
  decideApproval(options: {
    id: string;
    decision: 'approve' | 'reject';
  }): Promise<DrApproval>;
  /** The entity's DR readiness checklist, its daily score trend and its recent failovers. */
  getDrReadiness(options: { entityRef: string }): Promise<DrReadinessAnswer>;
  /** Per environment of the entity, the freeze windows in force and the next one. */
  getFreezes(options: { entityRef: string }): Promise<FreezesAnswer>;
  /** The entity's monthly cost per cluster (now, at HPA min and max), its budget and daily trend. */
  getCost(options: { entityRef: string }): Promise<CostAnswer>;
  /** The entity's DORA metrics in each environment and over its production ones. */
  getDora(options: { entityRef: string }): Promise<DoraAnswer>;
  /** The production DORA metrics of every readable service with runs, and per owner. */
  getDoraSummary(): Promise<DoraSummary>;
  /** The prices per environment and cluster role the golden-path form's estimate uses. */
  getCostPrices(): Promise<CostPricesAnswer>;
}

/** @public */
export const deliveryApiRef = createApiRef<DeliveryApi>().with({
  id: 'plugin.delivery.api',
  pluginId: DELIVERY_PLUGIN_ID,
});
