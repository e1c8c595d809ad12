export interface IncrementalOverviewTimings {
  /** How often the catalog is read again for added, changed and removed entities. */
  catalogRefreshMs: number;
  /** How long after a change in the cache the overview is brought up to date. */
  debounceMs: number;
  /**
   * How often DR readiness and cost are derived again for every service, though nothing
   * changed in the clusters: readiness moves with time (a backup ages past the RPO), new
   * failover runs and provider answers; cost with the cost source's measurements and the
   * daily snapshots.
   */
  drRefreshMs: number;
  /** How far DR readiness may lag behind a change of a service's workloads. */
  movedDrMs: number;
  /**
   * How often services with a rollout under way are derived again, though their objects
   * did not change: a pod's problems depend on how long it has been waiting (readiness
   * grace, pending time), so a state can move with time alone.
   */
  unsettledRefreshMs: number;
}

export const DEFAULT_OVERVIEW_TIMINGS: IncrementalOverviewTimings = {
  catalogRefreshMs: 30_000,
  debounceMs: 250,
  drRefreshMs: 60_000,
  movedDrMs: 3_000,
  unsettledRefreshMs: 10_000,
};
