/**
 * Compact workload rows: only the fields the rollout derivation reads, so the backend's
 * cluster cache can hold thousands of them cheaply. The cache builds them from Kubernetes
 * objects; tests build them by hand.
 */

/** @public */
export interface CompactCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  lastUpdateTime?: string;
}

/** What every compact row has. @public */
export interface CompactRow {
  /** The service id the cache indexes the row under (a kubernetes-id or a label selector). */
  service?: string;
}

/** @public */
export interface CompactDeployment extends CompactRow {
  namespace: string;
  name: string;
  uid: string;
  /** `delivery/track`: blue, green, stable or canary; absent for a plain rolling service. */
  track?: string;
  generation: number;
  observedGeneration?: number;
  /** spec.replicas (defaults to 1 on the server). */
  desired: number;
  paused: boolean;
  strategyType: 'RollingUpdate' | 'Recreate';
  /** Image of the first container of the pod template. */
  image: string;
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  conditions: CompactCondition[];
  createdAt: string;
}

/** @public */
export interface CompactReplicaSet extends CompactRow {
  namespace: string;
  name: string;
  uid: string;
  /** uid of the controlling Deployment. */
  ownerUid?: string;
  revision: number;
  image: string;
  desired: number;
  ready: number;
  createdAt: string;
}

/** @public */
export interface CompactContainer {
  name: string;
  ready: boolean;
  restarts: number;
  waitingReason?: string;
  waitingMessage?: string;
  terminatedReason?: string;
  lastTerminatedReason?: string;
  lastExitCode?: number;
  startedAt?: string;
}

/** @public */
export interface CompactPod extends CompactRow {
  namespace: string;
  name: string;
  /** uid of the controlling ReplicaSet or Job. */
  ownerUid?: string;
  phase: string;
  ready: boolean;
  node?: string;
  createdAt: string;
  containers: CompactContainer[];
}

/** @public */
export interface CompactHpa extends CompactRow {
  namespace: string;
  name: string;
  targetName: string;
  min: number;
  max: number;
  current: number;
  desired: number;
  cpu?: { current?: number; target?: number };
  memory?: { current?: number; target?: number };
}

/** Everything one cluster has for one service. @public */
export interface ServiceWorkloads {
  deployments: CompactDeployment[];
  replicaSets: CompactReplicaSet[];
  pods: CompactPod[];
  hpas: CompactHpa[];
}
