/**
 * Deliberate variety in the seeded fleet, so every state the portal must show exists on
 * first start. Keyed by service; each applies in one cluster.
 */
export interface Scenario {
  cluster: string;
  /** A rollout in flight: canary at one replica of the next version. */
  midRollout?: { nextVersion: string };
  /** The new version crash-loops; the previous one keeps serving. */
  crashLoop?: { nextVersion: string; restarts: number };
  /** The new image never pulls and the rollout passed its progress deadline. */
  deadlineExceeded?: { nextVersion: string; minutesAgo: number };
  /** Backups suspended and the last success is this old. */
  staleBackup?: { hoursAgo: number };
  /** The DR replica of the database lags this far behind its primary. */
  replicaLag?: { seconds: number };
  /**
   * Run by an Argo Rollout instead of Deployments, paused at its first canary pause with
   * the next version on a quarter of the pods.
   */
  argoRollout?: { nextVersion: string; replicas: number };
}

/**
 * The service an Argo Rollout runs in staging; production keeps Delivery's own canary
 * Deployments, as in an organisation moving to Argo Rollouts one cluster at a time.
 */
export const ARGO_ROLLOUT_SERVICE = 'capsight-backend';

export const SCENARIOS: Record<string, Scenario> = {
  'propertyos-api-gateway': {
    cluster: 'production',
    midRollout: { nextVersion: '1.9.0' },
  },
  'incubation-api-server': {
    cluster: 'staging',
    crashLoop: { nextVersion: '2.4.0-crash', restarts: 6 },
  },
  'propertyos-analytics-service': {
    cluster: 'staging',
    deadlineExceeded: { nextVersion: '3.1.0-missing', minutesAgo: 42 },
  },
  'pms-app': { cluster: 'production', staleBackup: { hoursAgo: 75 } },
  [ARGO_ROLLOUT_SERVICE]: {
    cluster: 'staging',
    argoRollout: { nextVersion: '1.8.0', replicas: 4 },
  },
  // Critical tier, so an RPO of 5 minutes: 45 minutes of lag is data a failover would lose.
  'propertyos-payment-service': {
    cluster: 'production-dr',
    replicaLag: { seconds: 2_700 },
  },
};

/** Declares DR in the catalog but was never deployed to the DR cluster. */
export const MISSING_FROM_DR = new Set(['propertyos-document-service']);

/**
 * Services whose namespace Velero backs up, in one cluster (see seedVelero): `fresh`, an
 * hourly Schedule whose Backups complete; `stale`, a daily one, so its last Completed
 * Backup is older than a critical service's RPO; `failing`, a weekly one whose newest
 * Backups Failed and PartiallyFailed after the last Completed. With `instead`, the golden
 * path's backup CronJob is not there: Velero is the service's only backup.
 */
export interface VeleroScenario {
  cluster: string;
  outcome: 'fresh' | 'stale' | 'failing';
  instead: boolean;
}

export const VELERO_SCENARIOS: Record<string, VeleroScenario> = {
  'incubation-api-server': {
    cluster: 'production',
    outcome: 'fresh',
    instead: true,
  },
  // Critical tier (RPO 5 minutes) with only a daily Velero Schedule.
  'messaging-api': { cluster: 'production', outcome: 'stale', instead: true },
  // Beside its stale backup CronJob (above).
  'pms-app': { cluster: 'production', outcome: 'failing', instead: false },
};
