import type { DoraBand, DoraThresholds } from './thresholds';

/**
 * What was observed of one service in one environment (or summed over several) during a
 * window: counts and samples, so facts of environments, services and teams add up before
 * the metrics are computed from them.
 * @public
 */
export interface DoraFacts {
  /** Deploys that ended in the window: succeeded, failed, or paused then promoted or aborted. */
  deploys: number;
  /**
   * Of those, the ones that reached the environment (succeeded, or promoted): what
   * deployment frequency counts. A deploy later rolled back did reach it, so it counts
   * here and as a failure.
   */
  completedDeploys: number;
  /** Deploys that failed, were aborted, or were followed by a rollback or an abort. */
  failures: number;
  /** Minutes from each failure to the successful run that restored the environment. */
  restoreMinutes: number[];
  /** Failures with no restoring run yet by the end of the window. */
  unrestored: number;
  /** Minutes from commit to deploy finished, for each deploy whose commit is known. */
  leadTimeMinutes: number[];
  /** Deploys whose commit is not known, by the reason. */
  leadTimeUnknown: Record<string, number>;
  /** Deploys paused for promotion, neither promoted nor aborted yet. */
  awaitingPromotion: number;
}

/** A metric with no value: nothing in the window to measure it on. @public */
export interface DoraNoData {
  state: 'no-data';
  /** Why, in words the card shows. */
  reason: string;
}

/** @public */
export type DoraDeploymentFrequency =
  | {
      state: 'measured';
      /** Deploys that reached the environment in the window. */
      deploys: number;
      perDay: number;
      perWeek: number;
      band: DoraBand;
    }
  | DoraNoData;

/** @public */
export type DoraChangeFailureRate =
  | {
      state: 'measured';
      deploys: number;
      failures: number;
      /** failures ÷ deploys, from 0 to 1. */
      rate: number;
      band: DoraBand;
    }
  | DoraNoData;

/** @public */
export type DoraTimeToRestore =
  | {
      state: 'measured';
      medianMinutes: number;
      restores: number;
      /** Failures not restored yet. */
      unrestored: number;
      band: DoraBand;
    }
  | (DoraNoData & { unrestored: number });

/** @public */
export type DoraLeadTime =
  | {
      state: 'measured';
      medianMinutes: number;
      /** Deploys whose commit time is known. */
      measured: number;
      /** Deploys left out, by the reason their commit is unknown. */
      unknown: DoraUnknownLeadTime[];
      band: DoraBand;
    }
  | {
      state: 'unknown';
      unknown: DoraUnknownLeadTime[];
    }
  | DoraNoData;

/** Deploys whose lead time is unknown, and why. @public */
export interface DoraUnknownLeadTime {
  reason: string;
  deploys: number;
}

/** The four DORA metrics of one scope (an environment, a service, a team). @public */
export interface DoraMetrics {
  deploymentFrequency: DoraDeploymentFrequency;
  changeFailureRate: DoraChangeFailureRate;
  timeToRestore: DoraTimeToRestore;
  leadTime: DoraLeadTime;
  /** Deploys paused for promotion, neither promoted nor aborted yet: not counted. */
  awaitingPromotion: number;
}

/** The window the metrics cover. @public */
export interface DoraWindow {
  since: string;
  until: string;
  days: number;
}

/** One environment of a service. @public */
export interface DoraEnvironment {
  environment: string;
  production: boolean;
  metrics: DoraMetrics;
}

/** `GET /api/delivery/dora?entityRef=`. @public */
export interface DoraAnswer {
  entityRef: string;
  window: DoraWindow;
  thresholds: DoraThresholds;
  /** Every configured environment, in the configuration's order. */
  environments: DoraEnvironment[];
  /** Over the production environments together: the service's headline. */
  production: DoraMetrics;
}

/** One service's production metrics, as the overview shows them. @public */
export interface DoraServiceSummary {
  entityRef: string;
  owner?: string;
  metrics: Omit<DoraMetrics, 'leadTime'>;
}

/** One owner's services together. @public */
export interface DoraTeamSummary {
  owner: string;
  services: number;
  metrics: Omit<DoraMetrics, 'leadTime'>;
}

/**
 * `GET /api/delivery/dora/summary`: the production metrics of every service the caller
 * may read that ran any delivery action in a production environment during the window
 * (a service not listed had no runs there: no data), and per owner.
 * @public
 */
export interface DoraSummary {
  window: DoraWindow;
  thresholds: DoraThresholds;
  services: DoraServiceSummary[];
  teams: DoraTeamSummary[];
}
