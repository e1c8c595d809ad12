/**
 * What the backend observed about one service, as input to the DR readiness derivation.
 * Every source is optional: a source that is absent (not gathered, provider down, cluster
 * never synced) makes its checks `unknown`, never a silent pass. An empty list, by
 * contrast, means the source was read and held nothing, which fails.
 */

import type { DeliveryRunStatus } from '@internal/backstage-plugin-delivery-common';

/** A cluster's state as the Delivery cache reports it (see `ClusterSnapshot`). @public */
export type DrClusterState = 'ok' | 'stale' | 'unreachable';

/** A container's probes, from the Deployment's pod template. @public */
export interface DrContainerProbes {
  name: string;
  livenessProbe: boolean;
  readinessProbe: boolean;
}

/** A Deployment of the service in a DR cluster. @public */
export interface DrStandbyDeployment {
  name: string;
  /** spec.replicas. */
  desired: number;
  ready: number;
}

/** A Deployment of the service in a production cluster, with what the hygiene checks read. @public */
export interface DrProductionDeployment extends DrStandbyDeployment {
  containers: DrContainerProbes[];
  /**
   * The topologyKeys of the pod template's topologySpreadConstraints and podAntiAffinity
   * terms (required or preferred), e.g. `topology.kubernetes.io/zone`.
   */
  spreadTopologyKeys: string[];
}

/** The service in one primary cluster of the production environment. @public */
export interface DrProductionWorkloads {
  cluster: string;
  state: DrClusterState;
  namespace?: string;
  /** When the cache last synced this cluster (ISO). */
  observedAt?: string;
  /** The service's Deployments there; empty when it is not deployed. */
  deployments: DrProductionDeployment[];
  /** Names of PodDisruptionBudgets that select the service's pods. */
  podDisruptionBudgets: string[];
  hpas: Array<{ name: string; targetName: string; minReplicas: number }>;
  /**
   * Distinct zones (`topology.kubernetes.io/zone` of the nodes) the service's running pods
   * are on; absent when nodes were not read.
   */
  podZones?: string[];
}

/** The service in one DR cluster of the production environment. @public */
export interface DrStandbyCluster {
  cluster: string;
  region?: string;
  state: DrClusterState;
  namespace?: string;
  observedAt?: string;
  /** The service's Deployments there; empty when it is not deployed. */
  deployments: DrStandbyDeployment[];
}

/** The DR site: every DR cluster of production, whether or not the service runs there. @public */
export interface DrStandbyEvidence {
  /** Empty when production has no DR cluster configured. */
  clusters: DrStandbyCluster[];
  /**
   * Where the scale-up of a zero-replica standby is documented (a runbook section URL, or
   * the Delivery failover action that applies the production overlay). Absent: none known,
   * so a standby at zero replicas is not a pilot light but a stopped copy.
   */
  scaleUpProcedure?: string;
}

/** The database's replica in the DR region, as a DR provider reports it. @public */
export interface DrReplicationEvidence {
  /** The DR provider that answered, e.g. `aws-rds`, `sandbox`. */
  provider: string;
  /** The replica's identifier; absent when the provider found no replica. */
  replica?: string;
  /** Region the replica is in, when the provider says. */
  region?: string;
  /** Replication lag in seconds; absent when the provider could not measure it. */
  lagSeconds?: number;
  /** When the lag was measured (ISO). */
  measuredAt?: string;
}

/**
 * One backup source of the service's data:
 * - `cronjob`: the golden path's backup CronJob (status.lastSuccessfulTime);
 * - `snapshot`: a DR provider's snapshots or point-in-time recovery (latest restorable time);
 * - `velero`: the newest Completed Velero Backup covering the service's namespace in one
 *   cluster (named `Backup/<name>` in Velero's namespace), with a newer failed one beside it.
 * @public
 */
export interface DrBackupEvidence {
  source: 'cronjob' | 'snapshot' | 'velero';
  /** CronJob, Velero Backup/Schedule or snapshot name. */
  name: string;
  cluster?: string;
  namespace?: string;
  /** The DR provider, for snapshots. */
  provider?: string;
  /** When the last backup succeeded (ISO); absent when none ever did. */
  lastSuccessfulAt?: string;
  /**
   * For Velero: the newest Backup that ended Failed, PartiallyFailed or FailedValidation,
   * when it is newer than the last Completed one (or none completed). A failing Velero
   * must be visible even while an older backup is still within the RPO.
   */
  latestFailure?: { name: string; phase: string; at?: string };
  /** For Velero: the paused Schedules that cover the service's namespace. */
  pausedSchedules?: string[];
}

/** A failover drill from the run store. @public */
export interface DrDrillEvidence {
  runId: string;
  status: DeliveryRunStatus;
  startedAt: string;
  finishedAt?: string;
  /** Measured time from the start of the failover until the DR site served (seconds). */
  recoverySeconds?: number;
}

/**
 * Everything known about one service's DR readiness apart from its catalog descriptor.
 * @public
 */
export interface DrEvidence {
  /**
   * Whether the service has a database (a dependsOn database Resource in the catalog).
   * Required, because "no database" (checks not applicable) and "replication unknown"
   * must not be confused.
   */
  hasDatabase: boolean;
  /** Primary production clusters the service was looked for in; absent or empty: unknown. */
  production?: DrProductionWorkloads[];
  /** The DR clusters of production; absent: not read. */
  standby?: DrStandbyEvidence;
  /** From a DR provider; absent: no provider answered. */
  replication?: DrReplicationEvidence;
  /** Every backup source found; absent: not gathered; empty: none found. */
  backups?: DrBackupEvidence[];
  /** The service's failover drill runs; absent: run store not read; empty: none recorded. */
  drills?: DrDrillEvidence[];
}
