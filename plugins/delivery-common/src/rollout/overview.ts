import { RolloutState } from './computeRollout';
import { ClusterSnapshot } from './api';

/** One service in one cluster, as the Delivery overview lists it. @public */
export interface OverviewRow {
  entityRef: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  tier: string;
  cluster: string;
  environment: string;
  role: 'primary' | 'dr';
  state: RolloutState;
  summary: string;
  version?: string;
  ready: number;
  desired: number;
  lastChangeAt?: string;
}

/** What `GET /api/delivery/overview` answers. @public */
export interface DeliveryOverview {
  /** Changes whenever anything in the cache changed; equal versions mean equal answers. */
  version: number;
  generatedAt: string;
  clusters: ClusterSnapshot[];
  rows: OverviewRow[];
}
