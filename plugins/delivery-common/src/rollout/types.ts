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
  /**
   * Set on the row of an Argo Rollout (`argoproj.io/v1alpha1`), which stands in the
   * service's workloads where a Deployment would: replicas, image and pod template read
   * the same, and `argo` carries what only a Rollout has.
   */
  argo?: CompactArgoRollout;
}

/**
 * What only an Argo Rollout has, reduced to what the derivation and the card read. Field
 * meanings follow upstream's `RolloutStatus` and its CLI's `info` package.
 * @public
 */
export interface CompactArgoRollout {
  strategy: 'canary' | 'blueGreen';
  /** status.phase: Healthy, Progressing, Paused or Degraded; absent before the controller saw it. */
  phase?: string;
  message?: string;
  /** status.currentStepIndex (canary only); equals `stepCount` once every step is done. */
  currentStepIndex?: number;
  /** How many steps spec.strategy.canary.steps has (0 for blue-green). */
  stepCount: number;
  /**
   * The weight the current step asks for, as the upstream CLI computes it: 0 when aborted,
   * 100 past the last step, else the last setWeight at or before the current step.
   */
  setWeight: number;
  /** Traffic is routed by a mesh or ingress: the actual weight is the set weight. */
  trafficRouting: boolean;
  /** status.stableRS: the pod-template hash of the stable ReplicaSet. */
  stableHash?: string;
  /** status.currentPodHash: the pod-template hash of the spec's template. */
  currentHash?: string;
  /** Blue-green: the hashes the active and preview Services select. */
  activeHash?: string;
  previewHash?: string;
  /** Reasons of status.pauseConditions (CanaryPauseStep, BlueGreenPause, ...). */
  pauseReasons: string[];
  /** status.controllerPause: the controller paused the Rollout itself. */
  controllerPause: boolean;
  /** status.abort. */
  aborted: boolean;
  abortedAt?: string;
  /** The AnalysisRuns the controller names as current, step and background ones. */
  currentAnalysisRuns: Array<{ name: string; status?: string }>;
}

/**
 * An Argo AnalysisRun, indexed by the Rollout that owns it (upstream does not copy the
 * Rollout's labels onto its AnalysisRuns).
 * @public
 */
export interface CompactAnalysisRun extends CompactRow {
  namespace: string;
  name: string;
  /** uid of the owning Rollout. */
  ownerUid?: string;
  /** status.phase: Pending, Running, Successful, Failed, Error or Inconclusive. */
  phase: string;
  message?: string;
  /** `rollouts-pod-template-hash`: the version the run analyses. */
  podHash?: string;
  /** `rollout-type`: Step, Background, PrePromotion or PostPromotion. */
  type?: string;
  /** The metrics that failed, errored or were inconclusive, with their last message. */
  failedMetrics: Array<{ name: string; phase: string; message?: string }>;
  createdAt: string;
}

/** @public */
export interface CompactReplicaSet extends CompactRow {
  namespace: string;
  name: string;
  uid: string;
  /** uid of the controlling Deployment or Rollout. */
  ownerUid?: string;
  /** `deployment.kubernetes.io/revision`, or `rollout.argoproj.io/revision`. */
  revision: number;
  /** `rollouts-pod-template-hash`, set on the ReplicaSets of an Argo Rollout. */
  podHash?: string;
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
  /** The AnalysisRuns of the service's Argo Rollouts; absent where none are read. */
  analysisRuns?: CompactAnalysisRun[];
}
